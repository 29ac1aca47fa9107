using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bookpost.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccessDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AccessDays",
                columns: table => new
                {
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AgeAdult = table.Column<int>(type: "INTEGER", nullable: false),
                    AgeChild = table.Column<int>(type: "INTEGER", nullable: false),
                    AgeSenior = table.Column<int>(type: "INTEGER", nullable: false),
                    AgeUnknown = table.Column<int>(type: "INTEGER", nullable: false),
                    AgeYouth = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstTime = table.Column<int>(type: "INTEGER", nullable: false),
                    Minority = table.Column<int>(type: "INTEGER", nullable: false),
                    Minutes = table.Column<long>(type: "INTEGER", nullable: false),
                    OccupationBusiness = table.Column<int>(type: "INTEGER", nullable: false),
                    OccupationCivilServant = table.Column<int>(type: "INTEGER", nullable: false),
                    OccupationFarmer = table.Column<int>(type: "INTEGER", nullable: false),
                    OccupationOther = table.Column<int>(type: "INTEGER", nullable: false),
                    OccupationPupil = table.Column<int>(type: "INTEGER", nullable: false),
                    OccupationRetired = table.Column<int>(type: "INTEGER", nullable: false),
                    OccupationStudent = table.Column<int>(type: "INTEGER", nullable: false),
                    OccupationUnemployed = table.Column<int>(type: "INTEGER", nullable: false),
                    OccupationUnknown = table.Column<int>(type: "INTEGER", nullable: false),
                    OccupationWorker = table.Column<int>(type: "INTEGER", nullable: false),
                    OriginDesk = table.Column<int>(type: "INTEGER", nullable: false),
                    OriginEntered = table.Column<int>(type: "INTEGER", nullable: false),
                    OriginKiosk = table.Column<int>(type: "INTEGER", nullable: false),
                    Poor = table.Column<int>(type: "INTEGER", nullable: false),
                    PurposeAgriculture = table.Column<int>(type: "INTEGER", nullable: false),
                    PurposeCommunication = table.Column<int>(type: "INTEGER", nullable: false),
                    PurposeEGovernment = table.Column<int>(type: "INTEGER", nullable: false),
                    PurposeEntertainment = table.Column<int>(type: "INTEGER", nullable: false),
                    PurposeHealth = table.Column<int>(type: "INTEGER", nullable: false),
                    PurposeInformationSearch = table.Column<int>(type: "INTEGER", nullable: false),
                    PurposeJobSearch = table.Column<int>(type: "INTEGER", nullable: false),
                    PurposeLearning = table.Column<int>(type: "INTEGER", nullable: false),
                    Sessions = table.Column<int>(type: "INTEGER", nullable: false),
                    SexFemale = table.Column<int>(type: "INTEGER", nullable: false),
                    SexMale = table.Column<int>(type: "INTEGER", nullable: false),
                    SexUnknown = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessDays", x => new { x.SiteId, x.Day });
                    table.ForeignKey(
                        name: "FK_AccessDays_ServicePoints_SiteId",
                        column: x => x.SiteId,
                        principalTable: "ServicePoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccessDays_Day",
                table: "AccessDays",
                column: "Day");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccessDays");
        }
    }
}
