import GRDB
import GRDBSQLite

/// One of GRDB's cached prepared statements, bound and stepped through SQLite's C API.
///
/// The store's per-transition statements run hundreds of thousands of times a second (issue 10:
/// recorder ≥ 50,000 transitions/s); GRDB's `execute(arguments:)` builds a
/// `StatementArguments` of boxed values, validates it against the statement and nests a
/// closure per string, which cost as much as SQLite's own work. Here each value is bound where
/// it is (strings copied by SQLite, `SQLITE_TRANSIENT`), with no array and no validation.
///
/// Use it inside the `Database` closure it was made in, and only for INSERT, UPDATE and
/// SELECT statements and read-only pragmas (`data_version`): GRDB does not see these
/// executions, so they must not be statements it tracks (transactions, savepoints, schema
/// changes).
struct DirectStatement {
    private let statement: Statement
    private let handle: OpaquePointer
    private let database: Database

    /// SQLite copies the bytes before `sqlite3_bind_text` returns.
    private static var transient: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }

    /// The statement for `sql`, from the connection's cache, reset with its bindings cleared.
    init(_ database: Database, sql: String) throws {
        statement = try database.cachedStatement(sql: sql)
        handle = statement.sqliteStatement
        self.database = database
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Binds `value` to the 1-based parameter `index`.
    func bind(_ value: String, at index: Int32) {
        var value = value
        value.withUTF8 { bytes in
            if let base = bytes.baseAddress, !bytes.isEmpty {
                base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    _ = sqlite3_bind_text(handle, index, $0, Int32(bytes.count), Self.transient)
                }
            } else {
                // An empty string is text, never NULL (a nil pointer would bind NULL).
                _ = sqlite3_bind_text(handle, index, "", 0, Self.transient)
            }
        }
    }

    /// Binds `value`, or NULL for nil.
    func bind(_ value: String?, at index: Int32) {
        if let value { bind(value, at: index) } else { sqlite3_bind_null(handle, index) }
    }

    /// Binds `value`.
    func bind(_ value: Int64, at index: Int32) {
        sqlite3_bind_int64(handle, index, value)
    }

    /// Runs the statement to its end (INSERT, UPDATE), then resets it.
    func execute() throws {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else { throw error(code) }
    }

    /// Steps once: true when a row is ready to read, false at the end.
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw error(code)
        }
    }

    /// The text of column `index` (0-based) of the current row; "" for NULL.
    func text(_ index: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, index) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// The text of column `index`, nil for NULL.
    func optionalText(_ index: Int32) -> String? {
        sqlite3_column_type(handle, index) == SQLITE_NULL ? nil : text(index)
    }

    /// The integer of column `index`.
    func int64(_ index: Int32) -> Int64 {
        sqlite3_column_int64(handle, index)
    }

    /// Resets the statement after reading (its bindings stay until the next use clears them).
    func reset() {
        sqlite3_reset(handle)
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(database.sqliteConnection)),
            sql: statement.sql)
    }
}
