using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bookpost.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EquipmentHistoryTicketLink : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_EquipmentStatusChanges_TicketId",
                table: "EquipmentStatusChanges",
                column: "TicketId");

            migrationBuilder.AddForeignKey(
                name: "FK_EquipmentStatusChanges_RepairTickets_TicketId",
                table: "EquipmentStatusChanges",
                column: "TicketId",
                principalTable: "RepairTickets",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_EquipmentStatusChanges_RepairTickets_TicketId",
                table: "EquipmentStatusChanges");

            migrationBuilder.DropIndex(
                name: "IX_EquipmentStatusChanges_TicketId",
                table: "EquipmentStatusChanges");
        }
    }
}
