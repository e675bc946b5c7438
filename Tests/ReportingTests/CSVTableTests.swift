import Foundation
import XCTest
@testable import Reporting

final class CSVTableTests: XCTestCase {
    func testRoundTripWithQuoting() throws {
        var t = CSVTable(header: ["id", "note", "value"])
        t.append(["a", "plain", "1.5"])
        t.append(["b", "comma, inside", "2"])
        t.append(["c", "say \"hi\"", ""])
        t.append(["d", "two\nlines", "-0.25"])
        t.append(["e", "crlf\r\nend", "3"])
        t.append(["", "", ""])
        let text = t.encoded()
        let expected = "id,note,value\n" + "a,plain,1.5\n" + "b,\"comma, inside\",2\n" + "c,\"say \"\"hi\"\"\",\n"
            + "d,\"two\nlines\",-0.25\n" + "e,\"crlf\r\nend\",3\n" + ",,\n"
        XCTAssertEqual(text, expected)
        let back = try CSVTable.parse(text, source: "t.csv")
        XCTAssertEqual(back, t)
        XCTAssertEqual(back.line(ofRow: 4), 7, "row e starts after the two-line row d")
        XCTAssertEqual(back.column("value"), 2)
        XCTAssertNil(back.column("missing"))
    }

    func testParsesCRLFAndBOMAndSkipsBlankLines() throws {
        let t = try CSVTable.parse("\u{FEFF}a,b\r\n1,2\r\n\r\n3,\"\"\r\n", source: "x.csv")
        XCTAssertEqual(t.header, ["a", "b"])
        XCTAssertEqual(t.rows, [["1", "2"], ["3", ""]])
        XCTAssertEqual(t.line(ofRow: 1), 4)
        XCTAssertEqual(try CSVTable.parse("a\n\"\"\n", source: "x").rows, [[""]], "a quoted empty field is not a blank line")
    }

    func testFixturesParse() throws {
        let summary = try CSVTable.read(path: Fixture.standard + "/summary.csv")
        XCTAssertEqual(summary.header, ResultsSchema.summaryColumns)
        try summary.requireColumns(ResultsSchema.summaryColumns, source: "summary.csv")
        XCTAssertEqual(try CSVTable.read(path: Fixture.standard + "/samples.csv").header, ResultsSchema.samplesColumns)
        XCTAssertEqual(try CSVTable.read(path: Fixture.standard + "/latency-request-server.csv").header, ResultsSchema.latencyColumns)
        let status = summary.column("status")!
        XCTAssertTrue(summary.rows.contains { $0[status] == "error: timer heap exhausted, gave up" })
        // Re-encoding reproduces the file byte for byte.
        XCTAssertEqual(summary.encoded(), try read(Fixture.standard + "/summary.csv"))
    }

    func testWrongFieldCountNamesFileAndLine() {
        XCTAssertThrowsError(try CSVTable.parse("a,b\n1,2\n\"x\ny\",2,3\n", source: "Results/s/summary.csv")) { error in
            XCTAssertEqual(error as? CSVError, CSVError(source: "Results/s/summary.csv", line: 3, reason: "wrong field count: 3 fields, header has 2"))
            XCTAssertEqual("\(error)", "Results/s/summary.csv:3: wrong field count: 3 fields, header has 2")
        }
        XCTAssertThrowsError(try CSVTable.parse("a,b\n1\n", source: "f.csv")) { error in
            XCTAssertEqual("\(error)", "f.csv:2: wrong field count: 1 field, header has 2")
        }
    }

    func testUnterminatedQuoteNamesTheLineItOpened() {
        XCTAssertThrowsError(try CSVTable.parse("a,b\n1,2\n3,\"open\nstill open\n", source: "f.csv")) { error in
            XCTAssertEqual("\(error)", "f.csv:3: unterminated quoted field (opened on this line)")
        }
    }

    func testStrayQuotesAreErrors() {
        XCTAssertThrowsError(try CSVTable.parse("a,b\n1,x\"y\n", source: "f.csv")) { error in
            XCTAssertEqual("\(error)", "f.csv:2: stray double quote inside an unquoted field")
        }
        XCTAssertThrowsError(try CSVTable.parse("a,b\n1,\"x\"y\n", source: "f.csv")) { error in
            XCTAssertEqual("\(error)", "f.csv:2: unexpected text after a closing double quote")
        }
        XCTAssertThrowsError(try CSVTable.parse("", source: "f.csv")) { error in
            XCTAssertEqual("\(error)", "f.csv: empty file: no header row")
        }
    }

    func testReadMissingFile() {
        XCTAssertThrowsError(try CSVTable.read(path: "/nonexistent/summary.csv")) { error in
            XCTAssertEqual("\(error)", "/nonexistent/summary.csv: no such file")
            XCTAssertEqual(ReportingError(error as! CSVError).kind, .missingFile)
        }
    }

    func testRequireColumns() throws {
        let t = CSVTable(header: ["a", "b"])
        XCTAssertNoThrow(try t.requireColumns(["b"], source: "f.csv"))
        XCTAssertThrowsError(try t.requireColumns(["a", "c", "d"], source: "f.csv")) { error in
            XCTAssertEqual("\(error)", "f.csv:1: missing columns c, d")
        }
    }

    func testNumberFormat() {
        XCTAssertEqual(CSVFormat.number(nil), "")
        XCTAssertEqual(CSVFormat.number(.nan), "")
        XCTAssertEqual(CSVFormat.number(.infinity), "")
        XCTAssertEqual(CSVFormat.number(0), "0")
        XCTAssertEqual(CSVFormat.number(-0.0), "0")
        XCTAssertEqual(CSVFormat.number(123.456), "123.5")
        XCTAssertEqual(CSVFormat.number(1.5), "1.5")
        XCTAssertEqual(CSVFormat.number(123456.7), "123457")
        XCTAssertEqual(CSVFormat.number(0.000123456), "0.0001235")
        XCTAssertEqual(CSVFormat.number(-2.5e-3, digits: 2), "-0.0025")
        XCTAssertEqual(CSVFormat.number(1e20), "100000000000000000000")
        XCTAssertEqual(CSVFormat.number(2, digits: 4), "2")
    }
}
