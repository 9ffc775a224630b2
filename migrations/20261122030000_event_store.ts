import { Kysely, sql } from 'kysely';

/**
 * The event store: streams, immutable events, and one append function so an
 * append is a single round trip.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE streams (
      stream_id   text PRIMARY KEY,
      stream_type text NOT NULL,
      version     bigint NOT NULL CHECK (version >= 0),
      created_at  timestamptz NOT NULL DEFAULT now(),
      updated_at  timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  // transaction_id lets readers stay below the oldest in-flight transaction,
  // so a position handed out before a late commit is never skipped.
  await sql`
    CREATE TABLE events (
      position       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
      stream_id      text NOT NULL,
      stream_version bigint NOT NULL CHECK (stream_version > 0),
      event_id       uuid NOT NULL UNIQUE,
      event_type     text NOT NULL,
      schema_version integer NOT NULL DEFAULT 1,
      data           jsonb NOT NULL,
      metadata       jsonb NOT NULL DEFAULT '{}'::jsonb,
      -- millisecond precision: what JSON clients can send back in an asOf query
      recorded_at    timestamptz(3) NOT NULL DEFAULT now(),
      UNIQUE (stream_id, stream_version)
    )`.execute(db);
  await sql`CREATE INDEX events_catch_up ON events (transaction_id, position)`.execute(db);
  await sql`CREATE INDEX events_by_type ON events (event_type, transaction_id, position)`.execute(db);

  await sql`
    CREATE FUNCTION factledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'events are immutable: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege', HINT = 'append a new event instead';
    END $$`.execute(db);
  await sql`CREATE TRIGGER events_immutable_rows BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION factledger_refuse_change()`.execute(
    db,
  );
  await sql`CREATE TRIGGER events_immutable_table BEFORE TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION factledger_refuse_change()`.execute(
    db,
  );

  // Statuses: ok, duplicate (every id already stored in this stream: the
  // original result, nothing written), conflict (expected version mismatch),
  // id_conflict (some ids stored elsewhere or only some of them stored).
  await sql`
    CREATE FUNCTION factledger_append(p_stream_id text, p_stream_type text, p_expected text, p_events jsonb)
    RETURNS TABLE (status text, stream_version bigint, first_position bigint, last_position bigint, transaction_id text)
    LANGUAGE plpgsql AS $$
    DECLARE
      v_count   integer := jsonb_array_length(p_events);
      v_ids     uuid[];
      v_current bigint;
      v_found   integer;
      v_mine    integer;
    BEGIN
      -- Serialise writers of this stream BEFORE the transaction id is assigned
      -- (an advisory lock assigns none; the row lock below does). The next
      -- writer then gets a later xid, so (transaction id, position) order
      -- keeps per-stream order. If an earlier write in the same transaction
      -- already assigned the xid, that guarantee does not hold: append first.
      PERFORM pg_advisory_xact_lock(hashtextextended(p_stream_id, 7406));
      SELECT array_agg((e->>'id')::uuid) INTO v_ids FROM jsonb_array_elements(p_events) e;
      LOOP
        SELECT s.version INTO v_current FROM streams s WHERE s.stream_id = p_stream_id FOR UPDATE;
        EXIT WHEN FOUND;
        IF v_count = 0 THEN v_current := 0; EXIT; END IF;
        INSERT INTO streams (stream_id, stream_type, version) VALUES (p_stream_id, p_stream_type, 0)
          ON CONFLICT ON CONSTRAINT streams_pkey DO NOTHING;
        -- not inserted: a concurrent writer created it; loop to lock its row
        IF FOUND THEN v_current := 0; EXIT; END IF;
      END LOOP;

      -- Checked under the stream lock so two retries of one append cannot both write.
      IF v_count > 0 THEN
        SELECT count(*), count(*) FILTER (WHERE ev.stream_id = p_stream_id)
          INTO v_found, v_mine FROM events ev WHERE ev.event_id = ANY (v_ids);
        IF v_found > 0 THEN
          IF v_found = v_count AND v_mine = v_count THEN
            RETURN QUERY SELECT 'duplicate'::text, max(ev.stream_version), min(ev.position), max(ev.position), min(ev.transaction_id::text)
              FROM events ev WHERE ev.event_id = ANY (v_ids);
          ELSE
            RETURN QUERY SELECT 'id_conflict'::text, v_current, NULL::bigint, NULL::bigint, NULL::text;
          END IF;
          RETURN;
        END IF;
      END IF;

      IF (p_expected = 'no_stream' AND v_current > 0)
         OR (p_expected = 'stream_exists' AND v_current = 0)
         OR (p_expected ~ '^[0-9]+$' AND v_current <> p_expected::bigint) THEN
        RETURN QUERY SELECT 'conflict'::text, v_current, NULL::bigint, NULL::bigint, NULL::text;
        RETURN;
      END IF;
      IF v_count = 0 THEN
        RETURN QUERY SELECT 'ok'::text, v_current, NULL::bigint, NULL::bigint, NULL::text;
        RETURN;
      END IF;

      UPDATE streams s SET version = v_current + v_count, updated_at = now() WHERE s.stream_id = p_stream_id;
      RETURN QUERY
        WITH inserted AS (
          INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
          SELECT p_stream_id, v_current + e.ord, (e.ev->>'id')::uuid, e.ev->>'type',
                 coalesce((e.ev->>'schemaVersion')::integer, 1), e.ev->'data', coalesce(e.ev->'metadata', '{}'::jsonb)
            FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e(ev, ord)
           ORDER BY e.ord
          RETURNING events.position
        )
        SELECT 'ok'::text, v_current + v_count, min(i.position), max(i.position), pg_current_xact_id()::text FROM inserted i;
    END $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP FUNCTION IF EXISTS factledger_append(text, text, text, jsonb)`.execute(db);
  await sql`DROP TABLE IF EXISTS events`.execute(db);
  await sql`DROP FUNCTION IF EXISTS factledger_refuse_change()`.execute(db);
  await sql`DROP TABLE IF EXISTS streams`.execute(db);
}
