DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = 'reference') THEN
        CREATE SCHEMA reference;
    END IF;
END $EF$;
CREATE TABLE IF NOT EXISTS reference.__ef_migrations_history (
    migration_id character varying(150) NOT NULL,
    product_version character varying(32) NOT NULL,
    CONSTRAINT pk___ef_migrations_history PRIMARY KEY (migration_id)
);

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM reference.__ef_migrations_history WHERE "migration_id" = '20261125220628_Initial') THEN
        IF NOT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = 'reference') THEN
            CREATE SCHEMA reference;
        END IF;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM reference.__ef_migrations_history WHERE "migration_id" = '20261125220628_Initial') THEN
    CREATE TABLE reference.securities (
        id bigint GENERATED ALWAYS AS IDENTITY,
        symbol character varying(10) NOT NULL,
        name character varying(200),
        exchange character varying(20),
        created_at timestamp with time zone NOT NULL,
        CONSTRAINT pk_securities PRIMARY KEY (id)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM reference.__ef_migrations_history WHERE "migration_id" = '20261125220628_Initial') THEN
    CREATE UNIQUE INDEX ix_securities_symbol ON reference.securities (symbol);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM reference.__ef_migrations_history WHERE "migration_id" = '20261125220628_Initial') THEN
    INSERT INTO reference.__ef_migrations_history (migration_id, product_version)
    VALUES ('20261125220628_Initial', '10.0.15');
    END IF;
END $EF$;
COMMIT;

