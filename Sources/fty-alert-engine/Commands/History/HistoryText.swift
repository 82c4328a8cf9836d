import AlertHistory
import Foundation

/// The `--json` text of `alerts` and `history`: the HTTP API's encoding.
enum HistoryText {
    /// `value` as the API writes it (compact, keys sorted).
    static func json(_ value: some Encodable) throws(HistoryCommandFailure) -> String {
        do {
            return String(decoding: try HistoryJSON.encoder().encode(value), as: UTF8.self)
        } catch {
            throw .store("cannot encode the answer: \(error)")
        }
    }
}
