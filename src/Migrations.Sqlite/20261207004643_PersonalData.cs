using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bookpost.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PersonalData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Readers_CardNumber",
                table: "Readers");

            migrationBuilder.AddColumn<string>(
                name: "AttendeePurpose",
                table: "Trainings",
                type: "TEXT",
                maxLength: 600,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "AttendeesAnonymisedOn",
                table: "Trainings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConsentPurpose",
                table: "Readers",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ConsentPurposeKey",
                table: "Readers",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "ErasedAt",
                table: "Readers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReaderViews",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ReaderId = table.Column<int>(type: "INTEGER", nullable: false),
                    What = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReaderViews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReaderViews_Readers_ReaderId",
                        column: x => x.ReaderId,
                        principalTable: "Readers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Readers_PointId_CardNumber",
                table: "Readers",
                columns: new[] { "PointId", "CardNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Readers_UpdatedAt",
                table: "Readers",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ReaderViews_ReaderId_At",
                table: "ReaderViews",
                columns: new[] { "ReaderId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReaderViews");

            migrationBuilder.DropIndex(
                name: "IX_Readers_PointId_CardNumber",
                table: "Readers");

            migrationBuilder.DropIndex(
                name: "IX_Readers_UpdatedAt",
                table: "Readers");

            migrationBuilder.DropColumn(
                name: "AttendeePurpose",
                table: "Trainings");

            migrationBuilder.DropColumn(
                name: "AttendeesAnonymisedOn",
                table: "Trainings");

            migrationBuilder.DropColumn(
                name: "ConsentPurpose",
                table: "Readers");

            migrationBuilder.DropColumn(
                name: "ConsentPurposeKey",
                table: "Readers");

            migrationBuilder.DropColumn(
                name: "ErasedAt",
                table: "Readers");

            migrationBuilder.CreateIndex(
                name: "IX_Readers_CardNumber",
                table: "Readers",
                column: "CardNumber",
                unique: true);
        }
    }
}
