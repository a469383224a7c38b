DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = 'reporting') THEN
        CREATE SCHEMA reporting;
    END IF;
END $EF$;
CREATE TABLE IF NOT EXISTS reporting.__ef_migrations_history (
    migration_id character varying(150) NOT NULL,
    product_version character varying(32) NOT NULL,
    CONSTRAINT pk___ef_migrations_history PRIMARY KEY (migration_id)
);

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM reporting.__ef_migrations_history WHERE "migration_id" = '20261125220700_Initial') THEN
        IF NOT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = 'reporting') THEN
            CREATE SCHEMA reporting;
        END IF;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM reporting.__ef_migrations_history WHERE "migration_id" = '20261125220700_Initial') THEN
    INSERT INTO reporting.__ef_migrations_history (migration_id, product_version)
    VALUES ('20261125220700_Initial', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM reporting.__ef_migrations_history WHERE "migration_id" = '20261126015533_TradeJournalAndReports') THEN
        IF NOT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = 'reporting') THEN
            CREATE SCHEMA reporting;
        END IF;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM reporting.__ef_migrations_history WHERE "migration_id" = '20261126015533_TradeJournalAndReports') THEN
    CREATE TABLE reporting.daily_reports (
        report_date date NOT NULL,
        cycle_id uuid,
        starting_equity numeric NOT NULL,
        pnl numeric NOT NULL,
        pnl_pct numeric NOT NULL,
        trades_executed integer NOT NULL,
        trades_won integer NOT NULL,
        trades_lost integer NOT NULL,
        win_rate numeric,
        profit_factor numeric,
        max_drawdown numeric NOT NULL,
        report_json jsonb NOT NULL,
        summary_text text NOT NULL,
        generated_at timestamp with time zone NOT NULL,
        CONSTRAINT pk_daily_reports PRIMARY KEY (report_date)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM reporting.__ef_migrations_history WHERE "migration_id" = '20261126015533_TradeJournalAndReports') THEN
    CREATE TABLE reporting.eod_deliveries (
        id uuid NOT NULL,
        report_date date NOT NULL,
        sink character varying(16) NOT NULL,
        target character varying(1000) NOT NULL,
        status character varying(16) NOT NULL,
        attempts integer NOT NULL,
        error character varying(4000),
        started_at timestamp with time zone NOT NULL,
        completed_at timestamp with time zone NOT NULL,
        CONSTRAINT pk_eod_deliveries PRIMARY KEY (id)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM reporting.__ef_migrations_history WHERE "migration_id" = '20261126015533_TradeJournalAndReports') THEN
    CREATE TABLE reporting.trade_journal (
        position_id uuid NOT NULL,
        security_id bigint NOT NULL,
        symbol character varying(10) NOT NULL,
        side character varying(8) NOT NULL,
        quantity numeric NOT NULL,
        entry_price numeric NOT NULL,
        exit_price numeric NOT NULL,
        entry_time timestamp with time zone NOT NULL,
        exit_time timestamp with time zone NOT NULL,
        trading_date date NOT NULL,
        pnl numeric NOT NULL,
        pnl_pct numeric NOT NULL,
        initial_risk numeric,
        r_multiple numeric,
        outcome character varying(8) NOT NULL,
        hold_time_minutes integer NOT NULL,
        pattern character varying(64),
        catalyst character varying(500),
        exit_reason character varying(200),
        notes character varying(4000),
        recorded_at timestamp with time zone NOT NULL,
        CONSTRAINT pk_trade_journal PRIMARY KEY (position_id),
        CONSTRAINT ck_trade_journal_outcome CHECK (outcome IN ('win', 'loss', 'scratch')),
        CONSTRAINT ck_trade_journal_quantity CHECK (quantity > 0)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM reporting.__ef_migrations_history WHERE "migration_id" = '20261126015533_TradeJournalAndReports') THEN
    CREATE INDEX ix_eod_deliveries_report_date_sink ON reporting.eod_deliveries (report_date, sink);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM reporting.__ef_migrations_history WHERE "migration_id" = '20261126015533_TradeJournalAndReports') THEN
    CREATE INDEX ix_trade_journal_security_id_trading_date ON reporting.trade_journal (security_id, trading_date);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM reporting.__ef_migrations_history WHERE "migration_id" = '20261126015533_TradeJournalAndReports') THEN
    CREATE INDEX ix_trade_journal_trading_date_exit_time ON reporting.trade_journal (trading_date, exit_time);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM reporting.__ef_migrations_history WHERE "migration_id" = '20261126015533_TradeJournalAndReports') THEN
    INSERT INTO reporting.__ef_migrations_history (migration_id, product_version)
    VALUES ('20261126015533_TradeJournalAndReports', '10.0.15');
    END IF;
END $EF$;
COMMIT;

