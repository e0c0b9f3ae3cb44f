#!/usr/bin/env bash
# Offline stand-in for `prisma migrate dev --create-only` (which needs the
# native schema engine): replays the committed migrations into a throw-away
# in-memory database, diffs them against schema.prisma and writes the
# difference as a new migration. Apply it with `npm run db:migrate`.
set -uo pipefail
name="${1:?usage: npm run db:new-migration -- <name>}"
mkdir -p prisma/migrations
tmp="$(mktemp)"
DATABASE_URL=pglite:memory npx prisma migrate diff --from-migrations prisma/migrations \
  --to-schema-datamodel prisma/schema.prisma --script --exit-code >"$tmp"
rc=$?
case $rc in
  0) echo "schema.prisma matches the migrations: nothing to do."; rm -f "$tmp" ;;
  2) dir="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_${name}"
     mkdir -p "$dir" && mv "$tmp" "$dir/migration.sql" && echo "Created $dir/migration.sql" ;;
  *) cat "$tmp" >&2; rm -f "$tmp"; exit "$rc" ;;
esac
