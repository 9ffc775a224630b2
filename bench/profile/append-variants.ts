/**
 * Variants of factledger_append, each removing or reordering one step, so
 * the profile can attribute the cost of an append to its steps. They live in
 * schema bench_profile, on copies of factledger's streams/events tables.
 */
export const PROFILE_SCHEMA = 'bench_profile';

const S = PROFILE_SCHEMA;

const INSERT_FROM_JSON = `
  INSERT INTO ${S}.events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
  SELECT p_stream_id, p_expected + e.ord, (e.ev->>'id')::uuid, e.ev->>'type',
         coalesce((e.ev->>'schemaVersion')::integer, 1), e.ev->'data', coalesce(e.ev->'metadata', '{}'::jsonb)
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e(ev, ord)
   ORDER BY e.ord`;


/**
 * The proposed factledger_append, for tables in `schema`: the same signature
 * and statuses, plus a fast path for the common case, an exact expected
 * version that matches. After the per-stream advisory lock (kept from the
 * current function: it orders a stream's writers before their transaction
 * ids are assigned), one UPDATE locks the stream row, checks the
 * version and bumps it, and the INSERT follows: no SELECT ... FOR UPDATE (a
 * second heap write and WAL record), no id probe. The probe is not needed
 * there: a retry of a committed append carries the version from before that
 * append, so it never matches and takes the slow path, which answers
 * `duplicate` as before; an id stored anywhere else hits UNIQUE (event_id),
 * raised as unique_violation (23505, constraint events_event_id_key) that
 * appendToStream maps to EventIdConflictError. Everything else (no stream
 * yet, a mismatch, a coarse expectation, an empty append) runs the current
 * body unchanged.
 */
export const proposedAppendSql = (schema: string, name = 'factledger_append') => `
  CREATE FUNCTION ${schema}.${name}(p_stream_id text, p_stream_type text, p_expected text, p_events jsonb)
  RETURNS TABLE (status text, stream_version bigint, first_position bigint, last_position bigint, transaction_id text)
  LANGUAGE plpgsql AS $$
  DECLARE
    v_count   integer := jsonb_array_length(p_events);
    v_ids     uuid[];
    v_current bigint;
    v_found   integer;
    v_mine    integer;
  BEGIN
    -- As today: serialise this stream's writers before the transaction id is
    -- assigned, so (transaction id, position) order keeps per-stream order.
    PERFORM pg_advisory_xact_lock(hashtextextended(p_stream_id, 7406));
    IF v_count > 0 AND p_expected ~ '^[0-9]+$' THEN
      v_current := p_expected::bigint;
      UPDATE ${schema}.streams s SET version = v_current + v_count, updated_at = now()
       WHERE s.stream_id = p_stream_id AND s.version = v_current;
      IF FOUND THEN
        RETURN QUERY
          WITH inserted AS (
            INSERT INTO ${schema}.events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
            SELECT p_stream_id, v_current + e.ord, (e.ev->>'id')::uuid, e.ev->>'type',
                   coalesce((e.ev->>'schemaVersion')::integer, 1), e.ev->'data', coalesce(e.ev->'metadata', '{}'::jsonb)
              FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e(ev, ord)
             ORDER BY e.ord
            RETURNING events.position
          )
          SELECT 'ok'::text, v_current + v_count, min(i.position), max(i.position), pg_current_xact_id()::text FROM inserted i;
        RETURN;
      END IF;
    END IF;

    -- Slow path: the current body, unchanged.
    SELECT array_agg((e->>'id')::uuid) INTO v_ids FROM jsonb_array_elements(p_events) e;
    LOOP
      SELECT s.version INTO v_current FROM ${schema}.streams s WHERE s.stream_id = p_stream_id FOR UPDATE;
      EXIT WHEN FOUND;
      IF v_count = 0 THEN v_current := 0; EXIT; END IF;
      INSERT INTO ${schema}.streams (stream_id, stream_type, version) VALUES (p_stream_id, p_stream_type, 0)
        ON CONFLICT (stream_id) DO NOTHING;
      IF FOUND THEN v_current := 0; EXIT; END IF;
    END LOOP;
    IF v_count > 0 THEN
      SELECT count(*), count(*) FILTER (WHERE ev.stream_id = p_stream_id)
        INTO v_found, v_mine FROM ${schema}.events ev WHERE ev.event_id = ANY (v_ids);
      IF v_found > 0 THEN
        IF v_found = v_count AND v_mine = v_count THEN
          RETURN QUERY SELECT 'duplicate'::text, max(ev.stream_version), min(ev.position), max(ev.position), min(ev.transaction_id::text)
            FROM ${schema}.events ev WHERE ev.event_id = ANY (v_ids);
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
    UPDATE ${schema}.streams s SET version = v_current + v_count, updated_at = now() WHERE s.stream_id = p_stream_id;
    RETURN QUERY
      WITH inserted AS (
        INSERT INTO ${schema}.events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
        SELECT p_stream_id, v_current + e.ord, (e.ev->>'id')::uuid, e.ev->>'type',
               coalesce((e.ev->>'schemaVersion')::integer, 1), e.ev->'data', coalesce(e.ev->'metadata', '{}'::jsonb)
          FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e(ev, ord)
         ORDER BY e.ord
        RETURNING events.position
      )
      SELECT 'ok'::text, v_current + v_count, min(i.position), max(i.position), pg_current_xact_id()::text FROM inserted i;
  END $$;`;

/**
 * Group commit: several appends (to different streams, sorted by stream id
 * so concurrent batches lock rows in one order) in one call, one transaction,
 * one WAL flush. Each append keeps its own status. What a client-side
 * batcher would send for the appends that queue up while one call is in flight.
 */
export const appendManySql = (schema: string, appendFn: string, name = 'factledger_append_many') => `
  CREATE FUNCTION ${schema}.${name}(p_appends jsonb)
  RETURNS TABLE (ord bigint, status text, stream_version bigint, first_position bigint, last_position bigint, transaction_id text)
  LANGUAGE plpgsql AS $$
  DECLARE a record;
  BEGIN
    FOR a IN SELECT t.x, t.ord FROM jsonb_array_elements(p_appends) WITH ORDINALITY AS t(x, ord) LOOP
      RETURN QUERY SELECT a.ord, r.* FROM ${appendFn}(a.x->>'streamId', a.x->>'streamType', a.x->>'expected', a.x->'events') r;
    END LOOP;
  END $$;`;

/** What each variant's call looks like from the client: one statement, one round trip. */
export const VARIANTS = [
  { name: 'insert_only', what: 'PL/pgSQL call: INSERT from jsonb only' },
  { name: 'cas_update', what: '+ conditional UPDATE streams (lock + check + bump in one)' },
  { name: 'locked_cas_update', what: 'cas_update + per-stream advisory lock' },
  { name: 'cas_update_idem', what: '+ idempotency probe on event ids' },
  { name: 'current_steps', what: "factledger_append's steps: advisory lock, FOR UPDATE, probe, UPDATE, INSERT ... RETURNING" },
] as const;

/** The profile schema: table copies, the step variants, the proposed function and its batch form. */
export const profileSchemaSql = () => `
  DROP SCHEMA IF EXISTS ${S} CASCADE;
  CREATE SCHEMA ${S};
  CREATE TABLE ${S}.streams (LIKE public.streams INCLUDING ALL);
  CREATE TABLE ${S}.events (LIKE public.events INCLUDING ALL);

  -- 1. only the INSERT, from the jsonb argument: the cost of a PL/pgSQL call and of unpacking jsonb
  CREATE FUNCTION ${S}.insert_only(p_stream_id text, p_expected bigint, p_events jsonb) RETURNS bigint LANGUAGE plpgsql AS $$
  BEGIN
    ${INSERT_FROM_JSON};
    RETURN p_expected + jsonb_array_length(p_events);
  END $$;

  -- 2. + a conditional UPDATE of the stream row: lock, version check and bump in one statement
  CREATE FUNCTION ${S}.cas_update(p_stream_id text, p_expected bigint, p_events jsonb) RETURNS bigint LANGUAGE plpgsql AS $$
  DECLARE v_count integer := jsonb_array_length(p_events);
  BEGIN
    UPDATE ${S}.streams SET version = p_expected + v_count, updated_at = now()
     WHERE stream_id = p_stream_id AND version = p_expected;
    IF NOT FOUND THEN
      INSERT INTO ${S}.streams (stream_id, stream_type, version) VALUES (p_stream_id, 'figure', v_count);
    END IF;
    ${INSERT_FROM_JSON};
    RETURN p_expected + v_count;
  END $$;

  -- 2b. + the per-stream advisory lock the real function takes before its transaction id is assigned
  CREATE FUNCTION ${S}.locked_cas_update(p_stream_id text, p_expected bigint, p_events jsonb) RETURNS bigint LANGUAGE plpgsql AS $$
  DECLARE v_count integer := jsonb_array_length(p_events);
  BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended(p_stream_id, 7406));
    UPDATE ${S}.streams SET version = p_expected + v_count, updated_at = now()
     WHERE stream_id = p_stream_id AND version = p_expected;
    IF NOT FOUND THEN
      INSERT INTO ${S}.streams (stream_id, stream_type, version) VALUES (p_stream_id, 'figure', v_count);
    END IF;
    ${INSERT_FROM_JSON};
    RETURN p_expected + v_count;
  END $$;

  -- 3. cas_update + the up-front idempotency probe on the event ids (no advisory lock)
  CREATE FUNCTION ${S}.cas_update_idem(p_stream_id text, p_expected bigint, p_events jsonb) RETURNS bigint LANGUAGE plpgsql AS $$
  DECLARE v_count integer := jsonb_array_length(p_events); v_ids uuid[]; v_found integer;
  BEGIN
    SELECT array_agg((e->>'id')::uuid) INTO v_ids FROM jsonb_array_elements(p_events) e;
    SELECT count(*) INTO v_found FROM ${S}.events ev WHERE ev.event_id = ANY (v_ids);
    UPDATE ${S}.streams SET version = p_expected + v_count, updated_at = now()
     WHERE stream_id = p_stream_id AND version = p_expected;
    IF NOT FOUND THEN
      INSERT INTO ${S}.streams (stream_id, stream_type, version) VALUES (p_stream_id, 'figure', v_count);
    END IF;
    ${INSERT_FROM_JSON};
    RETURN p_expected + v_count;
  END $$;

  -- 4. the real function's statements in its order: advisory lock, SELECT ... FOR UPDATE, probe, UPDATE, INSERT ... RETURNING + aggregate
  CREATE FUNCTION ${S}.current_steps(p_stream_id text, p_expected bigint, p_events jsonb) RETURNS bigint LANGUAGE plpgsql AS $$
  DECLARE v_count integer := jsonb_array_length(p_events); v_ids uuid[]; v_found integer; v_current bigint; v_last bigint;
  BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended(p_stream_id, 7406));
    SELECT array_agg((e->>'id')::uuid) INTO v_ids FROM jsonb_array_elements(p_events) e;
    SELECT s.version INTO v_current FROM ${S}.streams s WHERE s.stream_id = p_stream_id FOR UPDATE;
    IF NOT FOUND THEN
      INSERT INTO ${S}.streams (stream_id, stream_type, version) VALUES (p_stream_id, 'figure', 0);
      v_current := 0;
    END IF;
    SELECT count(*) INTO v_found FROM ${S}.events ev WHERE ev.event_id = ANY (v_ids);
    UPDATE ${S}.streams s SET version = v_current + v_count, updated_at = now() WHERE s.stream_id = p_stream_id;
    WITH inserted AS (
      INSERT INTO ${S}.events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
      SELECT p_stream_id, v_current + e.ord, (e.ev->>'id')::uuid, e.ev->>'type',
             coalesce((e.ev->>'schemaVersion')::integer, 1), e.ev->'data', coalesce(e.ev->'metadata', '{}'::jsonb)
        FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e(ev, ord)
       ORDER BY e.ord
      RETURNING events.position
    )
    SELECT max(i.position) INTO v_last FROM inserted i;
    RETURN v_current + v_count;
  END $$;
  ${proposedAppendSql(S, 'proposed_append')}
  ${appendManySql(S, `${S}.proposed_append`)}
  ${appendManySql(S, 'public.factledger_append', 'current_append_many')}
`;
