DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = 'orchestration') THEN
        CREATE SCHEMA orchestration;
    END IF;
END $EF$;
CREATE TABLE IF NOT EXISTS orchestration.__ef_migrations_history (
    migration_id character varying(150) NOT NULL,
    product_version character varying(32) NOT NULL,
    CONSTRAINT pk___ef_migrations_history PRIMARY KEY (migration_id)
);

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM orchestration.__ef_migrations_history WHERE "migration_id" = '20261125220634_Initial') THEN
        IF NOT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = 'orchestration') THEN
            CREATE SCHEMA orchestration;
        END IF;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM orchestration.__ef_migrations_history WHERE "migration_id" = '20261125220634_Initial') THEN
    INSERT INTO orchestration.__ef_migrations_history (migration_id, product_version)
    VALUES ('20261125220634_Initial', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM orchestration.__ef_migrations_history WHERE "migration_id" = '20261126015151_ToolCalls') THEN
        IF NOT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = 'orchestration') THEN
            CREATE SCHEMA orchestration;
        END IF;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM orchestration.__ef_migrations_history WHERE "migration_id" = '20261126015151_ToolCalls') THEN
    CREATE TABLE orchestration.tool_calls (
        id uuid NOT NULL,
        tool character varying(64) NOT NULL,
        arguments jsonb NOT NULL,
        outcome character varying(32) NOT NULL,
        error_code integer,
        error_kind character varying(64),
        error_message character varying(2000),
        duration_ms double precision NOT NULL,
        caller character varying(200) NOT NULL,
        transport character varying(16) NOT NULL,
        session_id character varying(200),
        request_id character varying(64) NOT NULL,
        trace_id character varying(64),
        called_at timestamp with time zone NOT NULL,
        CONSTRAINT pk_tool_calls PRIMARY KEY (id),
        CONSTRAINT ck_tool_calls_duration CHECK (duration_ms >= 0)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM orchestration.__ef_migrations_history WHERE "migration_id" = '20261126015151_ToolCalls') THEN
    CREATE INDEX ix_tool_calls_called_at ON orchestration.tool_calls (called_at);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM orchestration.__ef_migrations_history WHERE "migration_id" = '20261126015151_ToolCalls') THEN
    CREATE INDEX ix_tool_calls_tool_called_at ON orchestration.tool_calls (tool, called_at);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM orchestration.__ef_migrations_history WHERE "migration_id" = '20261126015151_ToolCalls') THEN
    INSERT INTO orchestration.__ef_migrations_history (migration_id, product_version)
    VALUES ('20261126015151_ToolCalls', '10.0.15');
    END IF;
END $EF$;
COMMIT;

