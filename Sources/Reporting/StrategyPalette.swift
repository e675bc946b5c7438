import Foundation

/// How one series is drawn: colour, gnuplot point type and gnuplot dash type.
public struct SeriesStyle: Hashable, CustomStringConvertible {
    /// `#rrggbb`.
    public let rgb: String
    /// gnuplot `pointtype` (pngcairo/svg numbering: 1 plus … 15 filled pentagon).
    public let point: Int
    /// gnuplot `dashtype` (1 solid, 2 dashed, 3 dotted, 4 dash-dot, 5 dash-dot-dot).
    public let dash: Int

    public init(_ rgb: String, point: Int, dash: Int) {
        self.rgb = rgb
        self.point = point
        self.dash = dash
    }

    /// `rgb point dash`, the three words a chart script reads per series.
    public var description: String { "\(rgb) \(point) \(dash)" }
}

/// The one definition of how every strategy id is drawn, in every chart.
///
/// Colours are Paul Tol's colour-blind-safe "muted" scheme (nine colours) plus grey and black;
/// no two model strategies share a colour, and each real runtime takes a colour no other real
/// runtime has (its model counterpart's where it has one). Marker and dash tell the families
/// apart where colours repeat: the faithful designs solid with filled markers, the frame
/// variants dashed with open markers, real runtimes dash-dot. `scripts/plots/generated.gp` is
/// generated from this table (`GnuplotDefinitions`; a test keeps it current), so a chart script
/// run on its own draws the same styles.
public enum StrategyPalette {
    static let grey = "#7f7f7f", black = "#000000"
    static let rose = "#cc6677", wine = "#882255", indigo = "#332288", green = "#117733"
    static let teal = "#44aa99", olive = "#999933", cyan = "#88ccee", purple = "#aa4499", sand = "#ddcc77"

    /// Styles of the known ids, in legend order: the model's strategies, then real runtimes.
    public static let known: [(id: String, style: SeriesStyle)] = [
        ("none", SeriesStyle(grey, point: 1, dash: 1)),
        ("hook-map-copy", SeriesStyle(rose, point: 7, dash: 1)),
        ("hook-map-copy-node20", SeriesStyle(rose, point: 11, dash: 4)),
        ("promise-hooks", SeriesStyle(wine, point: 5, dash: 1)),
        ("frame-ref", SeriesStyle(indigo, point: 9, dash: 1)),
        ("continuation-slot", SeriesStyle(green, point: 13, dash: 1)),
        ("slot-hashmap-copy", SeriesStyle(teal, point: 6, dash: 2)),
        ("slot-array-copy", SeriesStyle(olive, point: 4, dash: 2)),
        ("slot-linked", SeriesStyle(cyan, point: 8, dash: 2)),
        ("slot-persistent", SeriesStyle(purple, point: 10, dash: 2)),
        ("slot-cow", SeriesStyle(sand, point: 12, dash: 2)),
        ("node24-frame", SeriesStyle(green, point: 15, dash: 4)),
        ("node24-hooks", SeriesStyle(rose, point: 3, dash: 4)),
        ("node20", SeriesStyle(wine, point: 2, dash: 4)),
        ("deno", SeriesStyle(black, point: 14, dash: 4)),
        ("bun", SeriesStyle(indigo, point: 12, dash: 4)),
        ("swift-task-local", SeriesStyle(olive, point: 1, dash: 4)),
    ]

    /// Colours, markers and dashes the fallback styles combine.
    static let fallbackColours = [rose, indigo, green, wine, teal, olive, cyan, purple, sand, black, grey]
    static let fallbackPoints = [1, 2, 3, 4, 6, 8, 10, 12, 14]
    static let fallbackDashes = [5, 3, 2, 4, 1]

    /// Styles handed, in order, to ids not in `known`: every (dash, marker, colour) combination
    /// of the fallback lists, colour varying fastest, skipping the known styles — so they are
    /// distinct from each other and from every known id (cycled after 495 − 17 of them).
    public static let fallback: [SeriesStyle] = {
        let taken = Set(known.map(\.style))
        var styles: [SeriesStyle] = []
        for dash in fallbackDashes {
            for point in fallbackPoints {
                for rgb in fallbackColours {
                    let style = SeriesStyle(rgb, point: point, dash: dash)
                    if !taken.contains(style) { styles.append(style) }
                }
            }
        }
        return styles
    }()

    /// Known ids in palette order, then unknown ids alphabetically.
    /// - Complexity: O(n log n) in the number of ids.
    public static func ordered<S: Sequence>(_ ids: S) -> [String] where S.Element == String {
        let set = Set(ids)
        let knownIDs = known.map(\.id).filter(set.contains)
        return knownIDs + set.subtracting(knownIDs).sorted()
    }

    /// Style of every id in `universe`; unknown ids get `fallback` styles in `ordered` order, so
    /// passing the union of all ids charted in one run gives each id one style everywhere.
    /// - Complexity: O(n log n + n · known.count).
    public static func styles<S: Sequence>(for universe: S) -> [String: SeriesStyle] where S.Element == String {
        var result: [String: SeriesStyle] = [:]
        var next = 0
        for id in ordered(universe) {
            if let style = known.first(where: { $0.id == id })?.style {
                result[id] = style
            } else {
                result[id] = fallback[next % fallback.count]
                next += 1
            }
        }
        return result
    }
}
