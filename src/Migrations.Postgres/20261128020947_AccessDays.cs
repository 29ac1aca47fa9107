using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bookpost.Migrations.Postgres
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
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    AgeAdult = table.Column<int>(type: "integer", nullable: false),
                    AgeChild = table.Column<int>(type: "integer", nullable: false),
                    AgeSenior = table.Column<int>(type: "integer", nullable: false),
                    AgeUnknown = table.Column<int>(type: "integer", nullable: false),
                    AgeYouth = table.Column<int>(type: "integer", nullable: false),
                    FirstTime = table.Column<int>(type: "integer", nullable: false),
                    Minority = table.Column<int>(type: "integer", nullable: false),
                    Minutes = table.Column<long>(type: "bigint", nullable: false),
                    OccupationBusiness = table.Column<int>(type: "integer", nullable: false),
                    OccupationCivilServant = table.Column<int>(type: "integer", nullable: false),
                    OccupationFarmer = table.Column<int>(type: "integer", nullable: false),
                    OccupationOther = table.Column<int>(type: "integer", nullable: false),
                    OccupationPupil = table.Column<int>(type: "integer", nullable: false),
                    OccupationRetired = table.Column<int>(type: "integer", nullable: false),
                    OccupationStudent = table.Column<int>(type: "integer", nullable: false),
                    OccupationUnemployed = table.Column<int>(type: "integer", nullable: false),
                    OccupationUnknown = table.Column<int>(type: "integer", nullable: false),
                    OccupationWorker = table.Column<int>(type: "integer", nullable: false),
                    OriginDesk = table.Column<int>(type: "integer", nullable: false),
                    OriginEntered = table.Column<int>(type: "integer", nullable: false),
                    OriginKiosk = table.Column<int>(type: "integer", nullable: false),
                    Poor = table.Column<int>(type: "integer", nullable: false),
                    PurposeAgriculture = table.Column<int>(type: "integer", nullable: false),
                    PurposeCommunication = table.Column<int>(type: "integer", nullable: false),
                    PurposeEGovernment = table.Column<int>(type: "integer", nullable: false),
                    PurposeEntertainment = table.Column<int>(type: "integer", nullable: false),
                    PurposeHealth = table.Column<int>(type: "integer", nullable: false),
                    PurposeInformationSearch = table.Column<int>(type: "integer", nullable: false),
                    PurposeJobSearch = table.Column<int>(type: "integer", nullable: false),
                    PurposeLearning = table.Column<int>(type: "integer", nullable: false),
                    Sessions = table.Column<int>(type: "integer", nullable: false),
                    SexFemale = table.Column<int>(type: "integer", nullable: false),
                    SexMale = table.Column<int>(type: "integer", nullable: false),
                    SexUnknown = table.Column<int>(type: "integer", nullable: false)
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
