using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Bookpost.Migrations.Postgres
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
                type: "character varying(600)",
                maxLength: 600,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "AttendeesAnonymisedOn",
                table: "Trainings",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConsentPurpose",
                table: "Readers",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ConsentPurposeKey",
                table: "Readers",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "ErasedAt",
                table: "Readers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReaderViews",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ReaderId = table.Column<int>(type: "integer", nullable: false),
                    What = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
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
