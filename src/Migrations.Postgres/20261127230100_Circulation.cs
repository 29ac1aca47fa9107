using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Bookpost.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Circulation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Location",
                table: "IdempotencyRecords",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "LoanRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PointId = table.Column<int>(type: "integer", nullable: true),
                    LoanDays = table.Column<int>(type: "integer", nullable: false),
                    MaxItems = table.Column<int>(type: "integer", nullable: false),
                    MaxRenewals = table.Column<int>(type: "integer", nullable: false),
                    ClosedDays = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LoanRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LoanRules_ServicePoints_PointId",
                        column: x => x.PointId,
                        principalTable: "ServicePoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Periodicals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PointId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    Frequency = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    CopiesExpected = table.Column<int>(type: "integer", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Periodicals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Periodicals_ServicePoints_PointId",
                        column: x => x.PointId,
                        principalTable: "ServicePoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Readers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PointId = table.Column<int>(type: "integer", nullable: false),
                    CardNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    FullName = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    BirthYear = table.Column<int>(type: "integer", nullable: true),
                    Sex = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Category = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    EthnicMinority = table.Column<bool>(type: "boolean", nullable: false),
                    PoorHousehold = table.Column<bool>(type: "boolean", nullable: false),
                    Village = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: true),
                    Phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ConsentOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RegisteredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SearchText = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Readers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Readers_ServicePoints_PointId",
                        column: x => x.PointId,
                        principalTable: "ServicePoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TallyEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PointId = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Sex = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    AgeBand = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Delta = table.Column<int>(type: "integer", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TallyEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TallyEvents_ServicePoints_PointId",
                        column: x => x.PointId,
                        principalTable: "ServicePoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Transfers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ItemId = table.Column<int>(type: "integer", nullable: false),
                    FromPointId = table.Column<int>(type: "integer", nullable: false),
                    ToPointId = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Transfers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Transfers_Items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "Items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Transfers_ServicePoints_FromPointId",
                        column: x => x.FromPointId,
                        principalTable: "ServicePoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Transfers_ServicePoints_ToPointId",
                        column: x => x.ToPointId,
                        principalTable: "ServicePoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PeriodicalReceipts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PeriodicalId = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Issue = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Copies = table.Column<int>(type: "integer", nullable: false),
                    Readings = table.Column<int>(type: "integer", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PeriodicalReceipts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PeriodicalReceipts_Periodicals_PeriodicalId",
                        column: x => x.PeriodicalId,
                        principalTable: "Periodicals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Loans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ItemId = table.Column<int>(type: "integer", nullable: false),
                    ReaderId = table.Column<int>(type: "integer", nullable: false),
                    PointId = table.Column<int>(type: "integer", nullable: false),
                    LentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Renewals = table.Column<int>(type: "integer", nullable: false),
                    ReturnedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReturnedAtPointId = table.Column<int>(type: "integer", nullable: true),
                    LentBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ReturnedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Loans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Loans_Items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "Items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Loans_Readers_ReaderId",
                        column: x => x.ReaderId,
                        principalTable: "Readers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Loans_ServicePoints_PointId",
                        column: x => x.PointId,
                        principalTable: "ServicePoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LoanRules_PointId",
                table: "LoanRules",
                column: "PointId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Loans_PointId_DueOn",
                table: "Loans",
                columns: new[] { "PointId", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Loans_PointId_LentAt",
                table: "Loans",
                columns: new[] { "PointId", "LentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Loans_ReaderId_ReturnedAt",
                table: "Loans",
                columns: new[] { "ReaderId", "ReturnedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Loans_ReturnedAt",
                table: "Loans",
                column: "ReturnedAt");

            migrationBuilder.CreateIndex(
                name: "UX_Loans_OpenPerItem",
                table: "Loans",
                column: "ItemId",
                unique: true,
                filter: "\"ReturnedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PeriodicalReceipts_PeriodicalId_Day",
                table: "PeriodicalReceipts",
                columns: new[] { "PeriodicalId", "Day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Periodicals_PointId_Title",
                table: "Periodicals",
                columns: new[] { "PointId", "Title" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Readers_CardNumber",
                table: "Readers",
                column: "CardNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Readers_PointId_RegisteredOn",
                table: "Readers",
                columns: new[] { "PointId", "RegisteredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_TallyEvents_PointId_Day",
                table: "TallyEvents",
                columns: new[] { "PointId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_Transfers_FromPointId_Status",
                table: "Transfers",
                columns: new[] { "FromPointId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Transfers_ItemId",
                table: "Transfers",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_Transfers_ToPointId_Status",
                table: "Transfers",
                columns: new[] { "ToPointId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LoanRules");

            migrationBuilder.DropTable(
                name: "Loans");

            migrationBuilder.DropTable(
                name: "PeriodicalReceipts");

            migrationBuilder.DropTable(
                name: "TallyEvents");

            migrationBuilder.DropTable(
                name: "Transfers");

            migrationBuilder.DropTable(
                name: "Readers");

            migrationBuilder.DropTable(
                name: "Periodicals");

            migrationBuilder.DropColumn(
                name: "Location",
                table: "IdempotencyRecords");
        }
    }
}
