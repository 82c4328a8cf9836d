import AlertHistory

/// The states of one rule and element over a time window, drawn as an SVG strip (issue 10 item 7).
///
/// Each transition starts a band coloured by its state and severity (``StatusColor``) that lasts
/// until the next one; the band before the first transition of the window is the state that was
/// in force when the window opened (`before`), or blank when there was none.
struct TimelineSVG {
    /// The window, milliseconds since the epoch.
    var from: Int64
    var to: Int64
    /// The last transition before `from`, if any.
    var before: HistoryRecord?
    /// The transitions inside the window, oldest first.
    var records: [HistoryRecord]

    static let width = 960
    static let height = 48

    /// The `<svg>` element.
    func render() -> String {
        let span = Double(max(1, to - from))
        func x(_ time: Int64) -> Double { Double(Self.width) * Double(min(max(time, from), to) - from) / span }
        var bands: [(start: Int64, record: HistoryRecord)] = []
        if let before { bands.append((from, before)) }
        for record in records where record.time >= from && record.time <= to { bands.append((record.time, record)) }
        var svg = #"<svg id="timeline" xmlns="http://www.w3.org/2000/svg" width="\#(Self.width)" height="\#(Self.height + 18)" role="img">"#
        svg += ##"<rect x="0" y="0" width="\##(Self.width)" height="\##(Self.height)" fill="#eeeeee"/>"##
        for (index, band) in bands.enumerated() {
            let end = index + 1 < bands.count ? bands[index + 1].start : to
            let color = StatusColor.of(state: band.record.state, severity: band.record.severity)
            let left = x(band.start)
            let title = "\(RFC3339.string(milliseconds: band.start)) \(band.record.state) \(band.record.severity)"
            svg += #"<rect class="band \#(color.name)" x="\#(format(left))" y="0" width="\#(format(max(1, x(end) - left)))" height="\#(Self.height)" fill="\#(color.fill)"><title>\#(HTMLText.escape(title))</title></rect>"#
        }
        let labelY = Self.height + 14
        svg += #"<text x="0" y="\#(labelY)" font-size="12">\#(RFC3339.string(milliseconds: from))</text>"#
        svg += #"<text x="\#(Self.width)" y="\#(labelY)" font-size="12" text-anchor="end">\#(RFC3339.string(milliseconds: to))</text>"#
        return svg + "</svg>"
    }

    private func format(_ value: Double) -> String {
        String(Double((value * 10).rounded()) / 10)
    }
}
