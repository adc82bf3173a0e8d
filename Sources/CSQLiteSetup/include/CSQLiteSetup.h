#ifndef ATTACHE_CSQLITESETUP_H
#define ATTACHE_CSQLITESETUP_H

/// Puts SQLite in multi-thread mode (no mutex around each call on a connection) and turns its memory
/// statistics off (no process-wide mutex around each of its allocations). Returns SQLITE_OK (0), or
/// SQLITE_MISUSE when SQLite is already initialized in this process (nothing changes then).
///
/// Call it once, first thing in an executable, before any thread opens a database: `sqlite3_config` is not
/// thread-safe. Swift cannot call it directly (it is variadic), hence this file.
///
/// Safe for Attaché's use: every connection is a GRDB connection, which GRDB only ever uses from one thread
/// at a time, and nothing reads SQLite's memory statistics or sets a soft heap limit.
int attache_sqlite_configure(void);

#endif
