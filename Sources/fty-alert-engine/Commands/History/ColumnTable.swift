/// Rows of text in aligned columns: each column as wide as its widest cell, two spaces apart,
/// the last column not padded.
struct ColumnTable {
    /// The header row.
    var header: [String]
    /// The data rows, as many cells as the header.
    var rows: [[String]] = []

    /// The table as lines.
    var lines: [String] {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
            }.joined(separator: "  ")
        }
    }
}
