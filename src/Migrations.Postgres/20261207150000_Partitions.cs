using Bookpost.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bookpost.Migrations.Postgres
{
    /// <summary>
    /// Hand-written, PostgreSQL only (issue 20, partitions): Loans (by LentAt), AccessSessions (by StartedAt) and
    /// AuditEntries (by At) become tables partitioned by year, so a national database years old keeps its recent
    /// years small and an old year can be detached whole (<c>archive-partitions YEAR</c>). The EF model is unchanged:
    /// the model still sees one table each, with the key Id; the database's key is (Id, partition column), because
    /// PostgreSQL only enforces a unique key on a partitioned table when it holds the partition column.
    /// <para>
    /// The two partial unique indexes (one open loan per copy, one open session per computer) cannot exist on a
    /// partitioned table for the same reason; a trigger keeps the open rows in a small unpartitioned side table whose
    /// key carries the old index's name, so a second open loan still fails as the same unique violation, with the same
    /// row lock order a unique index gave (the second writer waits for the first, then fails).
    /// </para>
    /// <para>
    /// Years run in Vietnam's time (UTC+7), so a year's partition is the year a report counts. Every table also has a
    /// DEFAULT partition, so a row of a year without a partition (year 1, year 9999, a clock gone wrong) is stored,
    /// never refused; the app creates this year's and next year's partitions at start and daily
    /// (<c>bookpost_ensure_year_partition</c>), moving any rows of that year out of the default partition.
    /// </para>
    /// </summary>
    [DbContext(typeof(PostgresAppDbContext))]
    [Migration("20261207150000_Partitions")]
    public partial class Partitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Functions);
            migrationBuilder.Sql("""
                SELECT bookpost_partition_by_year('Loans', 'LentAt');
                SELECT bookpost_partition_by_year('AccessSessions', 'StartedAt');
                SELECT bookpost_partition_by_year('AuditEntries', 'At');
                """);
            migrationBuilder.Sql(OpenRows);
            // The append-only guard is re-created at every start (DatabaseInitializer); dropping the old table dropped
            // its trigger, so put it back here too, leaving no moment without it. On a new database the start has not
            // made the function yet: the same text as DatabaseInitializer's.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION bookpost_audit_append_only() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'The audit log is append-only'; END; $$ LANGUAGE plpgsql;
                CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON "AuditEntries"
                    FOR EACH ROW EXECUTE FUNCTION bookpost_audit_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            throw new NotSupportedException("The partitioned tables are not turned back into plain tables: restore a backup "
                + "taken before the migration Partitions instead.");

        // The year's bounds, the creation of a year's partition (idempotent, also called by the app) and the conversion
        // of a plain table. The conversion is generic on purpose: it copies whatever columns, foreign keys and ordinary
        // indexes the table has, so nothing of the generated migrations before it is repeated by hand here.
        private const string Functions = """
            CREATE SCHEMA IF NOT EXISTS archive;

            CREATE OR REPLACE FUNCTION bookpost_year_start(y integer) RETURNS timestamptz
                LANGUAGE sql IMMUTABLE AS $$ SELECT make_timestamptz(y, 1, 1, 0, 0, 0, '+07') $$;

            -- Creates the partition of year y of parent (partitioned by col) unless it exists or was archived; true when
            -- made. Rows of that year already in the default partition move into it (the default's own triggers are
            -- off for that move only: it is not a delete or an insert of a loan, a session or an audit entry).
            CREATE OR REPLACE FUNCTION bookpost_ensure_year_partition(parent text, col text, y integer) RETURNS boolean
            LANGUAGE plpgsql AS $$
            DECLARE
                part text := parent || '_' || y;
                dflt text := parent || '_default';
                lo timestamptz := bookpost_year_start(y);
                hi timestamptz := bookpost_year_start(y + 1);
                moved bigint;
            BEGIN
                IF to_regclass(format('public.%I', part)) IS NOT NULL OR to_regclass(format('archive.%I', part)) IS NOT NULL THEN
                    RETURN false;
                END IF;
                -- Two instances may both get here: the second waits, then finds the partition made.
                EXECUTE format('LOCK TABLE public.%I IN SHARE ROW EXCLUSIVE MODE', parent);
                IF to_regclass(format('public.%I', part)) IS NOT NULL THEN
                    RETURN false;
                END IF;
                EXECUTE format('CREATE TABLE public.%I (LIKE public.%I INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part, parent);
                IF to_regclass(format('public.%I', dflt)) IS NOT NULL THEN
                    EXECUTE format('SELECT count(*) FROM public.%I WHERE %I >= $1 AND %I < $2', dflt, col, col) INTO moved USING lo, hi;
                    IF moved > 0 THEN
                        EXECUTE format('ALTER TABLE public.%I DISABLE TRIGGER USER', dflt);
                        EXECUTE format('WITH m AS (DELETE FROM public.%I WHERE %I >= $1 AND %I < $2 RETURNING *) '
                            || 'INSERT INTO public.%I SELECT * FROM m', dflt, col, col, part) USING lo, hi;
                        EXECUTE format('ALTER TABLE public.%I ENABLE TRIGGER USER', dflt);
                    END IF;
                END IF;
                EXECUTE format('ALTER TABLE public.%I ATTACH PARTITION public.%I FOR VALUES FROM (%L) TO (%L)', parent, part, lo, hi);
                RETURN true;
            END $$;

            CREATE OR REPLACE FUNCTION bookpost_partition_by_year(parent text, col text) RETURNS void
            LANGUAGE plpgsql AS $$
            DECLARE
                tmp text := parent || '_partitioned';
                rel regclass := format('public.%I', parent)::regclass;
                pk text;
                seq text := pg_get_serial_sequence(format('public.%I', parent), 'Id');
                next bigint := 1;
                first_year integer;
                last_year integer;
                this_year integer := extract(year FROM now() AT TIME ZONE INTERVAL '07:00')::integer;
                ddl text[];
                stmt text;
            BEGIN
                SELECT conname INTO pk FROM pg_constraint WHERE conrelid = rel AND contype = 'p';
                -- Foreign keys and the ordinary indexes, re-created on the new table once the old one is gone (their names
                -- are taken until then). Partial unique indexes are left out: the side tables below keep their promise.
                SELECT array_agg(d ORDER BY o) INTO ddl FROM (
                    SELECT 1 AS o, pg_get_indexdef(i.indexrelid) AS d FROM pg_index i
                    WHERE i.indrelid = rel AND NOT i.indisprimary AND NOT (i.indisunique AND i.indpred IS NOT NULL)
                    UNION ALL
                    SELECT 2, format('ALTER TABLE public.%I ADD CONSTRAINT %I %s', parent, c.conname, pg_get_constraintdef(c.oid))
                    FROM pg_constraint c WHERE c.conrelid = rel AND c.contype = 'f') x;
                IF seq IS NOT NULL THEN
                    EXECUTE format('SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM %s', seq) INTO next;
                END IF;

                EXECUTE format('CREATE TABLE public.%I (LIKE public.%I INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE) '
                    || 'PARTITION BY RANGE (%I)', tmp, parent, col);
                EXECUTE format('SELECT min(extract(year FROM %I AT TIME ZONE INTERVAL ''07:00'')), '
                    || 'max(extract(year FROM %I AT TIME ZONE INTERVAL ''07:00'')) FROM public.%I', col, col, parent)
                    INTO first_year, last_year;
                -- Years with rows (up to thirty back) and this year and next get their partition; anything else is kept by
                -- the default partition.
                first_year := greatest(least(coalesce(first_year, this_year), this_year), this_year - 30);
                last_year := this_year + 1;
                FOR y IN first_year .. last_year LOOP
                    EXECUTE format('CREATE TABLE public.%I PARTITION OF public.%I FOR VALUES FROM (%L) TO (%L)',
                        parent || '_' || y, tmp, bookpost_year_start(y), bookpost_year_start(y + 1));
                END LOOP;
                EXECUTE format('CREATE TABLE public.%I PARTITION OF public.%I DEFAULT', parent || '_default', tmp);
                EXECUTE format('INSERT INTO public.%I SELECT * FROM public.%I', tmp, parent);
                EXECUTE format('DROP TABLE public.%I', parent);
                EXECUTE format('ALTER TABLE public.%I RENAME TO %I', tmp, parent);
                EXECUTE format('ALTER TABLE public.%I ADD CONSTRAINT %I PRIMARY KEY ("Id", %I)', parent, pk, col);
                -- The same numbering goes on: the new identity starts where the old sequence stopped.
                EXECUTE format('ALTER TABLE public.%I ALTER COLUMN "Id" ADD GENERATED BY DEFAULT AS IDENTITY (START WITH %s)',
                    parent, next);
                IF ddl IS NOT NULL THEN
                    FOREACH stmt IN ARRAY ddl LOOP EXECUTE stmt; END LOOP;
                END IF;
            END $$;
            """;

        // One open loan per copy and one open session per computer, kept by triggers in unpartitioned side tables.
        private const string OpenRows = """
            CREATE TABLE "OpenLoans" ("ItemId" integer NOT NULL, "LoanId" integer NOT NULL, "LentAt" timestamptz NOT NULL,
                CONSTRAINT "UX_Loans_OpenPerItem" PRIMARY KEY ("ItemId"));
            INSERT INTO "OpenLoans" SELECT "ItemId", "Id", "LentAt" FROM "Loans" WHERE "ReturnedAt" IS NULL;

            CREATE FUNCTION bookpost_open_loans() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'UPDATE' AND OLD."ReturnedAt" IS NULL AND NEW."ReturnedAt" IS NULL
                    AND OLD."ItemId" = NEW."ItemId" AND OLD."Id" = NEW."Id" THEN
                    RETURN NULL; -- a renewal: still the same open loan
                END IF;
                IF TG_OP <> 'INSERT' AND OLD."ReturnedAt" IS NULL THEN
                    DELETE FROM "OpenLoans" WHERE "ItemId" = OLD."ItemId" AND "LoanId" = OLD."Id";
                END IF;
                IF TG_OP <> 'DELETE' AND NEW."ReturnedAt" IS NULL THEN
                    INSERT INTO "OpenLoans" ("ItemId", "LoanId", "LentAt") VALUES (NEW."ItemId", NEW."Id", NEW."LentAt");
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER loans_open_per_item AFTER INSERT OR UPDATE OR DELETE ON "Loans"
                FOR EACH ROW EXECUTE FUNCTION bookpost_open_loans();
            -- The old unique index also served "the open loan of this copy" (every return, every lending's check);
            -- without it that lookup would read every partition. A plain partial index may be partitioned.
            CREATE INDEX "IX_Loans_ItemId_Open" ON "Loans" ("ItemId") WHERE "ReturnedAt" IS NULL;

            CREATE TABLE "OpenAccessSessions" ("ComputerId" integer NOT NULL, "SessionId" bigint NOT NULL,
                "StartedAt" timestamptz NOT NULL, CONSTRAINT "UX_AccessSessions_OpenPerComputer" PRIMARY KEY ("ComputerId"));
            INSERT INTO "OpenAccessSessions" SELECT "ComputerId", "Id", "StartedAt" FROM "AccessSessions" WHERE "EndedAt" IS NULL;

            CREATE FUNCTION bookpost_open_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'UPDATE' AND OLD."EndedAt" IS NULL AND NEW."EndedAt" IS NULL
                    AND OLD."ComputerId" = NEW."ComputerId" AND OLD."Id" = NEW."Id" THEN
                    RETURN NULL;
                END IF;
                IF TG_OP <> 'INSERT' AND OLD."EndedAt" IS NULL THEN
                    DELETE FROM "OpenAccessSessions" WHERE "ComputerId" = OLD."ComputerId" AND "SessionId" = OLD."Id";
                END IF;
                IF TG_OP <> 'DELETE' AND NEW."EndedAt" IS NULL THEN
                    INSERT INTO "OpenAccessSessions" ("ComputerId", "SessionId", "StartedAt")
                    VALUES (NEW."ComputerId", NEW."Id", NEW."StartedAt");
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER sessions_open_per_computer AFTER INSERT OR UPDATE OR DELETE ON "AccessSessions"
                FOR EACH ROW EXECUTE FUNCTION bookpost_open_sessions();
            CREATE INDEX "IX_AccessSessions_ComputerId_Open" ON "AccessSessions" ("ComputerId") WHERE "EndedAt" IS NULL;
            """;
    }
}
