using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bookpost.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TrainingAttendeePrivacy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AttendeePurpose",
                table: "Trainings");

            migrationBuilder.DropColumn(
                name: "AttendeesAnonymisedOn",
                table: "Trainings");
        }
    }
}
