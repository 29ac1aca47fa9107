using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bookpost.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DailyUse : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "InvalidIsbns",
                table: "Titles",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReceiverName",
                table: "Shipments",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReceiverPosition",
                table: "Shipments",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SenderName",
                table: "Shipments",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SenderPosition",
                table: "Shipments",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HandoverName",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HandoverPosition",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "InvalidIsbns",
                table: "Titles");

            migrationBuilder.DropColumn(
                name: "ReceiverName",
                table: "Shipments");

            migrationBuilder.DropColumn(
                name: "ReceiverPosition",
                table: "Shipments");

            migrationBuilder.DropColumn(
                name: "SenderName",
                table: "Shipments");

            migrationBuilder.DropColumn(
                name: "SenderPosition",
                table: "Shipments");

            migrationBuilder.DropColumn(
                name: "HandoverName",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "HandoverPosition",
                table: "AspNetUsers");
        }
    }
}
