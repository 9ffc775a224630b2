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

const RESULT_COLUMNS = 'status text, stream_version bigint, first_position bigint, last_position bigint, transaction_id text';

/**
 * Candidate fast paths, same signature and statuses as the shipped
 * factledger_append (migrations/20261122060000_append_fast_path.ts), on the
 * profile tables; a miss falls back to public.factledger_append_checked (so
 * only the fast path is comparable). `cte_append`: the conditional UPDATE and
 * the INSERT as one statement (data-modifying CTEs: one executor start
 * instead of two), the result via RETURN NEXT. `cte_append_out`: the same as
 * a non-set function with OUT parameters (no tuplestore for the one row).
 */
const cteFastPath = (schema: string) => `
    v_expected := p_expected::bigint;
    WITH bumped AS (
      UPDATE ${schema}.streams s SET version = v_expected + v_count, updated_at = now()
       WHERE s.stream_id = p_stream_id AND s.version = v_expected
      RETURNING 1
    ), inserted AS (
      INSERT INTO ${schema}.events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
      SELECT p_stream_id, v_expected + e.ord, (e.ev->>'id')::uuid, e.ev->>'type',
             coalesce((e.ev->>'schemaVersion')::integer, 1), e.ev->'data', coalesce(e.ev->'metadata', '{}'::jsonb)
        FROM bumped, jsonb_array_elements(p_events) WITH ORDINALITY AS e(ev, ord)
       ORDER BY e.ord
      RETURNING events.position
    )
    SELECT count(*), min(i.position), max(i.position) INTO v_n, v_first, v_last FROM inserted i;`;

export const candidateAppendSql = (schema: string) => `
  CREATE FUNCTION ${schema}.cte_append(p_stream_id text, p_stream_type text, p_expected text, p_events jsonb)
  RETURNS TABLE (${RESULT_COLUMNS}) LANGUAGE plpgsql AS $$
  DECLARE v_count integer := jsonb_array_length(p_events); v_expected bigint; v_n integer; v_first bigint; v_last bigint;
  BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended(p_stream_id, 7406));
    IF v_count > 0 AND p_expected ~ '^[0-9]+$' THEN
      ${cteFastPath(schema)}
      IF v_n > 0 THEN
        status := 'ok'; stream_version := v_expected + v_count; first_position := v_first; last_position := v_last;
        transaction_id := pg_current_xact_id()::text;
        RETURN NEXT;
        RETURN;
      END IF;
    END IF;
    RETURN QUERY SELECT * FROM public.factledger_append_checked(p_stream_id, p_stream_type, p_expected, p_events);
  END $$;

  CREATE FUNCTION ${schema}.cte_append_out(p_stream_id text, p_stream_type text, p_expected text, p_events jsonb,
    OUT status text, OUT stream_version bigint, OUT first_position bigint, OUT last_position bigint, OUT transaction_id text)
  LANGUAGE plpgsql AS $$
  DECLARE v_count integer := jsonb_array_length(p_events); v_expected bigint; v_n integer; v_first bigint; v_last bigint;
  BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended(p_stream_id, 7406));
    IF v_count > 0 AND p_expected ~ '^[0-9]+$' THEN
      ${cteFastPath(schema)}
      IF v_n > 0 THEN
        status := 'ok'; stream_version := v_expected + v_count; first_position := v_first; last_position := v_last;
        transaction_id := pg_current_xact_id()::text;
        RETURN;
      END IF;
    END IF;
    SELECT * INTO status, stream_version, first_position, last_position, transaction_id
      FROM public.factledger_append_checked(p_stream_id, p_stream_type, p_expected, p_events);
  END $$;`;

/**
 * Candidate: the shipped fast path, plus a one-event branch: INSERT ... VALUES
 * ... RETURNING INTO and RETURN NEXT instead of jsonb_array_elements, a CTE
 * and an aggregate. Misses fall back to public.factledger_append_checked.
 */
export const oneEventAppendSql = (schema: string) => `
  CREATE FUNCTION ${schema}.one_event_append(p_stream_id text, p_stream_type text, p_expected text, p_events jsonb)
  RETURNS TABLE (${RESULT_COLUMNS}) LANGUAGE plpgsql AS $$
  DECLARE v_count integer := jsonb_array_length(p_events); v_expected bigint; v_ev jsonb;
  BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended(p_stream_id, 7406));
    IF v_count > 0 AND p_expected ~ '^[0-9]+$' THEN
      v_expected := p_expected::bigint;
      UPDATE ${schema}.streams s SET version = v_expected + v_count, updated_at = now()
       WHERE s.stream_id = p_stream_id AND s.version = v_expected;
      IF FOUND AND v_count = 1 THEN
        v_ev := p_events->0;
        INSERT INTO ${schema}.events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
        VALUES (p_stream_id, v_expected + 1, (v_ev->>'id')::uuid, v_ev->>'type', coalesce((v_ev->>'schemaVersion')::integer, 1),
                v_ev->'data', coalesce(v_ev->'metadata', '{}'::jsonb))
        RETURNING events.position INTO first_position;
        status := 'ok'; stream_version := v_expected + 1; last_position := first_position; transaction_id := pg_current_xact_id()::text;
        RETURN NEXT;
        RETURN;
      END IF;
    END IF;
    RETURN QUERY SELECT * FROM public.factledger_append_checked(p_stream_id, p_stream_type, p_expected, p_events);
  END $$;`;

/**
 * Candidate group commit, set-based: the appends of a group whose stream
 * occurs once in it and whose exact expected version matches go in one
 * UPDATE and one INSERT for the whole group; the rest run one by one as in
 * the shipped factledger_append_many (here: the profile tables' cte-free
 * fast path is public.factledger_append, so the rest use the public tables;
 * the profile only sends appends that take the set-based path).
 */
export const setAppendManySql = (schema: string) => `
  CREATE FUNCTION ${schema}.set_append_many(p_appends jsonb)
  RETURNS TABLE (ord bigint, ${RESULT_COLUMNS}) LANGUAGE plpgsql AS $$
  DECLARE v_key bigint; a record; v_done bigint[];
  BEGIN
    FOR v_key IN SELECT DISTINCT hashtextextended(x->>'s', 7406) FROM jsonb_array_elements(p_appends) x ORDER BY 1 LOOP
      PERFORM pg_advisory_xact_lock(v_key);
    END LOOP;
    RETURN QUERY
      WITH req AS (
        SELECT r.n, r.s, r.x::bigint AS x, r.e, jsonb_array_length(r.e) AS c
          FROM (SELECT t.n, t.a->>'s' AS s, t.a->>'x' AS x, t.a->'e' AS e, count(*) OVER (PARTITION BY t.a->>'s') AS same
                  FROM jsonb_array_elements(p_appends) WITH ORDINALITY AS t(a, n)) r
         WHERE r.same = 1 AND r.x ~ '^[0-9]+$' AND jsonb_array_length(r.e) > 0
      ), bumped AS (
        UPDATE ${schema}.streams st SET version = req.x + req.c, updated_at = now() FROM req
         WHERE st.stream_id = req.s AND st.version = req.x
        RETURNING req.n, req.s, req.x, req.e, req.c
      ), inserted AS (
        INSERT INTO ${schema}.events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
        SELECT b.s, b.x + e.o, (e.ev->>'id')::uuid, e.ev->>'type',
               coalesce((e.ev->>'schemaVersion')::integer, 1), e.ev->'data', coalesce(e.ev->'metadata', '{}'::jsonb)
          FROM bumped b, jsonb_array_elements(b.e) WITH ORDINALITY AS e(ev, o)
         ORDER BY b.n, e.o
        RETURNING events.stream_id, events.position
      )
      SELECT b.n, 'ok'::text, b.x + b.c, min(i.position), max(i.position), pg_current_xact_id()::text
        FROM bumped b JOIN inserted i ON i.stream_id = b.s GROUP BY b.n, b.x, b.c;
  END $$;`;

/** What each variant's call looks like from the client: one statement, one round trip. */
export const VARIANTS = [
  { name: 'insert_only', what: 'PL/pgSQL call: INSERT from jsonb only' },
  { name: 'cas_update', what: '+ conditional UPDATE streams (lock + check + bump in one)' },
  { name: 'locked_cas_update', what: 'cas_update + per-stream advisory lock' },
  { name: 'cas_update_idem', what: '+ idempotency probe on event ids' },
  { name: 'current_steps', what: "factledger_append's steps: advisory lock, FOR UPDATE, probe, UPDATE, INSERT ... RETURNING" },
] as const;

/** The profile schema: table copies, the step variants and the candidate fast paths. */
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
  ${candidateAppendSql(S)}
  ${setAppendManySql(S)}
  ${oneEventAppendSql(S)}
`;
