using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Bookpost.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Rotation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ItemCustody",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ItemId = table.Column<int>(type: "integer", nullable: false),
                    Holder = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ServicePointId = table.Column<int>(type: "integer", nullable: true),
                    ShipmentId = table.Column<int>(type: "integer", nullable: true),
                    FromUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ToUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ItemCustody", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ItemCustody_Items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "Items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ItemCustody_ServicePoints_ServicePointId",
                        column: x => x.ServicePointId,
                        principalTable: "ServicePoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PointRotationSettings",
                columns: table => new
                {
                    PointId = table.Column<int>(type: "integer", nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PointRotationSettings", x => x.PointId);
                    table.ForeignKey(
                        name: "FK_PointRotationSettings_ServicePoints_PointId",
                        column: x => x.PointId,
                        principalTable: "ServicePoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RotationCycles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    LibraryId = table.Column<int>(type: "integer", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RepeatWindow = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RotationCycles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RotationCycles_ServicePoints_LibraryId",
                        column: x => x.LibraryId,
                        principalTable: "ServicePoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RotationSets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OwnerId = table.Column<int>(type: "integer", nullable: false),
                    Theme = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    LocationId = table.Column<int>(type: "integer", nullable: false),
                    Reserved = table.Column<bool>(type: "boolean", nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RotationSets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RotationSets_ServicePoints_LocationId",
                        column: x => x.LocationId,
                        principalTable: "ServicePoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RotationSets_ServicePoints_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "ServicePoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RotationAssignments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CycleId = table.Column<int>(type: "integer", nullable: false),
                    SetId = table.Column<int>(type: "integer", nullable: false),
                    PointId = table.Column<int>(type: "integer", nullable: false),
                    FromId = table.Column<int>(type: "integer", nullable: false),
                    Route = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DispatchOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DueBackOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Repeats = table.Column<int>(type: "integer", nullable: false),
                    DistanceKm = table.Column<double>(type: "double precision", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ShipmentId = table.Column<int>(type: "integer", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RotationAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RotationAssignments_RotationCycles_CycleId",
                        column: x => x.CycleId,
                        principalTable: "RotationCycles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RotationAssignments_RotationSets_SetId",
                        column: x => x.SetId,
                        principalTable: "RotationSets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RotationAssignments_ServicePoints_FromId",
                        column: x => x.FromId,
                        principalTable: "ServicePoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RotationAssignments_ServicePoints_PointId",
                        column: x => x.PointId,
                        principalTable: "ServicePoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RotationSetItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SetId = table.Column<int>(type: "integer", nullable: false),
                    ItemId = table.Column<int>(type: "integer", nullable: false),
                    AddedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AddedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RotationSetItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RotationSetItems_Items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "Items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RotationSetItems_RotationSets_SetId",
                        column: x => x.SetId,
                        principalTable: "RotationSets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SetEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SetId = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    LocationId = table.Column<int>(type: "integer", nullable: false),
                    ShipmentId = table.Column<int>(type: "integer", nullable: true),
                    By = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SetEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SetEvents_RotationSets_SetId",
                        column: x => x.SetId,
                        principalTable: "RotationSets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SetEvents_ServicePoints_LocationId",
                        column: x => x.LocationId,
                        principalTable: "ServicePoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Shipments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SetId = table.Column<int>(type: "integer", nullable: false),
                    FromId = table.Column<int>(type: "integer", nullable: false),
                    ToId = table.Column<int>(type: "integer", nullable: false),
                    AssignmentId = table.Column<int>(type: "integer", nullable: true),
                    TrackingNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DispatchedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DispatchedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpectedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReceivedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Shipments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Shipments_RotationSets_SetId",
                        column: x => x.SetId,
                        principalTable: "RotationSets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Shipments_ServicePoints_FromId",
                        column: x => x.FromId,
                        principalTable: "ServicePoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Shipments_ServicePoints_ToId",
                        column: x => x.ToId,
                        principalTable: "ServicePoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Discrepancies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ShipmentId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ItemId = table.Column<int>(type: "integer", nullable: true),
                    Barcode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Resolution = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ResolvedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ResolvedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Discrepancies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Discrepancies_Items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "Items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Discrepancies_Shipments_ShipmentId",
                        column: x => x.ShipmentId,
                        principalTable: "Shipments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ShipmentItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ShipmentId = table.Column<int>(type: "integer", nullable: false),
                    ItemId = table.Column<int>(type: "integer", nullable: false),
                    TitleId = table.Column<int>(type: "integer", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShipmentItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ShipmentItems_Items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "Items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ShipmentItems_Shipments_ShipmentId",
                        column: x => x.ShipmentId,
                        principalTable: "Shipments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Discrepancies_ItemId",
                table: "Discrepancies",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_Discrepancies_Resolution_RecordedAt",
                table: "Discrepancies",
                columns: new[] { "Resolution", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Discrepancies_ShipmentId",
                table: "Discrepancies",
                column: "ShipmentId");

            migrationBuilder.CreateIndex(
                name: "IX_ItemCustody_ItemId_FromUtc",
                table: "ItemCustody",
                columns: new[] { "ItemId", "FromUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ItemCustody_ServicePointId",
                table: "ItemCustody",
                column: "ServicePointId");

            migrationBuilder.CreateIndex(
                name: "IX_ItemCustody_ShipmentId",
                table: "ItemCustody",
                column: "ShipmentId");

            migrationBuilder.CreateIndex(
                name: "UX_ItemCustody_Open",
                table: "ItemCustody",
                column: "ItemId",
                unique: true,
                filter: "\"ToUtc\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_RotationAssignments_CycleId_SetId",
                table: "RotationAssignments",
                columns: new[] { "CycleId", "SetId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RotationAssignments_FromId",
                table: "RotationAssignments",
                column: "FromId");

            migrationBuilder.CreateIndex(
                name: "IX_RotationAssignments_PointId_Status",
                table: "RotationAssignments",
                columns: new[] { "PointId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_RotationAssignments_SetId",
                table: "RotationAssignments",
                column: "SetId");

            migrationBuilder.CreateIndex(
                name: "IX_RotationAssignments_Status_DueBackOn",
                table: "RotationAssignments",
                columns: new[] { "Status", "DueBackOn" });

            migrationBuilder.CreateIndex(
                name: "IX_RotationCycles_LibraryId_StartsOn",
                table: "RotationCycles",
                columns: new[] { "LibraryId", "StartsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_RotationSetItems_ItemId",
                table: "RotationSetItems",
                column: "ItemId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RotationSetItems_SetId",
                table: "RotationSetItems",
                column: "SetId");

            migrationBuilder.CreateIndex(
                name: "IX_RotationSets_Code",
                table: "RotationSets",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RotationSets_LocationId",
                table: "RotationSets",
                column: "LocationId");

            migrationBuilder.CreateIndex(
                name: "IX_RotationSets_OwnerId_Status",
                table: "RotationSets",
                columns: new[] { "OwnerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_SetEvents_LocationId",
                table: "SetEvents",
                column: "LocationId");

            migrationBuilder.CreateIndex(
                name: "IX_SetEvents_SetId_At",
                table: "SetEvents",
                columns: new[] { "SetId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ShipmentItems_ItemId",
                table: "ShipmentItems",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_ShipmentItems_ShipmentId_ItemId",
                table: "ShipmentItems",
                columns: new[] { "ShipmentId", "ItemId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ShipmentItems_TitleId",
                table: "ShipmentItems",
                column: "TitleId");

            migrationBuilder.CreateIndex(
                name: "IX_Shipments_DispatchedAt",
                table: "Shipments",
                column: "DispatchedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Shipments_FromId_Status",
                table: "Shipments",
                columns: new[] { "FromId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Shipments_Number",
                table: "Shipments",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Shipments_ReceivedAt",
                table: "Shipments",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Shipments_ToId_Status",
                table: "Shipments",
                columns: new[] { "ToId", "Status" });

            migrationBuilder.CreateIndex(
                name: "UX_Shipments_OpenPerSet",
                table: "Shipments",
                column: "SetId",
                unique: true,
                filter: "\"Status\" = 'InTransit'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Discrepancies");

            migrationBuilder.DropTable(
                name: "ItemCustody");

            migrationBuilder.DropTable(
                name: "PointRotationSettings");

            migrationBuilder.DropTable(
                name: "RotationAssignments");

            migrationBuilder.DropTable(
                name: "RotationSetItems");

            migrationBuilder.DropTable(
                name: "SetEvents");

            migrationBuilder.DropTable(
                name: "ShipmentItems");

            migrationBuilder.DropTable(
                name: "RotationCycles");

            migrationBuilder.DropTable(
                name: "Shipments");

            migrationBuilder.DropTable(
                name: "RotationSets");
        }
    }
}
