import Foundation
import SRImage
import SRTestSupport
import XCTest

/// The HTML report in a real browser: Debian's Chromium, headless (installed by .ci/run).
///
/// The page is loaded from disk with networking of no use (everything is inline). A copy gets a
/// probe script appended that, after the load event, clicks a column header of the per-image
/// table twice and records the row order, and counts images that failed to decode; `--dump-dom`
/// then prints the DOM after the scripts ran. Script errors are caught twice: the report's own
/// error sink writes them into `#script-errors`, and Chromium's console log goes to stderr.
final class HTMLReportBrowserTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws { dir = try CommandRunner.makeTemporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    static let probe = """
        <script>
        window.addEventListener('load', function () {
          var table = document.querySelector('table.per-image');
          var th = table.querySelector('th[data-col="4"]');
          th.click(); th.click();
          var probe = document.createElement('pre');
          probe.id = 'probe';
          probe.setAttribute('data-order', Array.prototype.map.call(table.tBodies[0].rows, function (r) { return r.cells[0].getAttribute('data-v'); }).join(','));
          probe.setAttribute('data-header', th.textContent + ' ' + th.getAttribute('data-order'));
          probe.setAttribute('data-images', document.images.length);
          probe.setAttribute('data-broken', Array.prototype.filter.call(document.images, function (i) { return !i.complete || i.naturalWidth === 0; }).length);
          document.body.appendChild(probe);
        });
        </script>
        """

    func chromium(_ browser: String, _ arguments: [String]) throws -> CommandRunner.Result {
        try Tools.run(browser, ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
                                "--user-data-dir=\(dir.appendingPathComponent("profile").path)"] + arguments, timeout: 120)
    }

    /// The value of attribute `name` on the element with id `id` in `dom`.
    func attribute(_ name: String, of id: String, in dom: String) -> String? {
        guard let element = dom.components(separatedBy: "id=\"\(id)\"").dropFirst().first?.prefix(while: { $0 != ">" }) else { return nil }
        return element.components(separatedBy: "\(name)=\"").dropFirst().first.map { String($0.prefix { $0 != "\"" }) }
    }

    func testChromiumRendersTheReportWithEveryImageAndNoScriptErrors() throws {
        let run = try ComparisonRun.shared()
        let browser = try Tools.require("chromium")
        let page = dir.appendingPathComponent("probe.html")
        let html = try String(contentsOfFile: run.html, encoding: .utf8)
        try html.replacingOccurrences(of: "</body>", with: Self.probe + "</body>").write(to: page, atomically: true, encoding: .utf8)

        let r = try chromium(browser, ["--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000", "--dump-dom", page.absoluteString])
        XCTAssertEqual(r.status, 0, r.stderr)
        let dom = r.stdout
        XCTAssertTrue(dom.contains("id=\"comparison\""), "the comparison table")
        XCTAssertTrue(dom.contains("data-scripts=\"ready\""), "the report's script ran to its end")
        XCTAssertTrue(dom.contains("<div id=\"script-errors\" hidden=\"\"></div>"), "the error sink stayed empty")
        XCTAssertEqual(dom.components(separatedBy: "<svg class=\"chart\"").count - 1, 1, "the chart")
        XCTAssertEqual(dom.components(separatedBy: "<circle").count - 1, 3, "one point per model")
        // Every gallery picture is there and decoded: per image a thumbnail, HR and three models.
        XCTAssertEqual(attribute("data-images", of: "probe", in: dom), "25")
        XCTAssertEqual(attribute("data-broken", of: "probe", in: dom), "0")
        for name in ComparisonRun.images { XCTAssertTrue(dom.contains("data-image=\"\(name)\""), name) }
        // Column 4 is SRCNN 9-5-5's PSNR; two clicks sort it descending.
        XCTAssertEqual(attribute("data-header", of: "probe", in: dom), "PSNR descending")
        XCTAssertEqual(attribute("data-order", of: "probe", in: dom), "bird,baby,head,woman,butterfly")
        let console = r.stderr.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("Uncaught") }
        XCTAssertEqual(console, [], "console messages")

        // A screenshot as a reader would see the top of the page (table, chart, protocol).
        let shot = dir.appendingPathComponent("shot.png").path
        let s = try chromium(browser, ["--window-size=1280,1600", "--screenshot=\(shot)", URL(fileURLWithPath: run.html).absoluteString])
        XCTAssertEqual(s.status, 0, s.stderr)
        let image = try ImageDecoder.decode(contentsOf: shot)
        XCTAssertEqual([image.width, image.height], [1280, 1600])
        XCTAssertGreaterThan(Set(image.samples).count, 50, "the page drew something")
        if let keep = ProcessInfo.processInfo.environment["SRKIT_KEEP_SCREENSHOT"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(atPath: shot, toPath: keep)
        }
    }
}
