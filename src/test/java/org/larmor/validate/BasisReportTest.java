package org.larmor.validate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.io.BasisWriters;
import org.larmor.io.Format;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report is one well-formed, self-contained page that names every metabolite and fills the checklist. */
class BasisReportTest {
    @TempDir
    static Path tmp;
    static Path press;

    @BeforeAll
    static void write() throws Exception {
        press = tmp.resolve("press");
        BasisWriters.write(ValidateFixtures.press(), Format.parse("lcmodel,nifti"), press);
    }

    static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    /** Item → value of the summary table. */
    static java.util.Map<String, String> summary(Document doc) {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        NodeList rows = doc.getElementsByTagNameNS("*", "tr");
        for (int i = 0; i < rows.getLength(); i++) {
            NodeList cells = ((Element) rows.item(i)).getElementsByTagNameNS("*", "td");
            if (cells.getLength() == 3) {
                m.put(cells.item(1).getTextContent(), cells.item(2).getTextContent());
            }
        }
        return m;
    }

    /** Every work is cited once, in a numbered list; the page refers to it by number. */
    @Test
    void eachSourceIsCitedOnceInANumberedReferenceList() throws Exception {
        String html = BasisReport.html(BasisFiles.load(press), 0, 4.5);
        Document doc = parse(html);
        for (String work : List.of("Govindaraju V, Young K, Maudsley AA", "Lin A, Andronesi O")) {
            assertEquals(1, html.split(java.util.regex.Pattern.quote(work), -1).length - 1, work + " once");
        }
        List<String> refs = texts(doc, "li");
        assertTrue(refs.get(0).startsWith("Lin A") && refs.get(0).endsWith("2021;34:e4484"), refs.toString());
        int gov = -1;
        for (int i = 0; i < refs.size(); i++) {
            if (refs.get(i).startsWith("Govindaraju")) {
                gov = i + 1;
            }
        }
        assertTrue(gov > 0, refs.toString());
        var s = summary(doc);
        assertTrue(s.get("Spin-system sources").contains("[" + gov + "]"), s.get("Spin-system sources"));
        assertTrue(s.get("Spin-system sources").contains("(Cr, Ins, NAA)")
                || s.get("Spin-system sources").contains("NAA"), s.get("Spin-system sources"));
        assertFalse(html.contains("(sysNAA)"), "FID-A's variable names are dropped");
    }

    @Test
    void twoFormsOfOneCitationAreOneReferenceTheLongerListed() {
        BasisReport.References r = new BasisReport.References();
        String a = r.cite("Govindaraju V, Young K, Maudsley AA. NMR Biomed 2000;13:129-153, as distributed");
        String b = r.cite("Govindaraju V, Young K, Maudsley AA. Proton NMR chemical shifts and coupling constants for"
                + " brain metabolites. NMR Biomed 2000;13:129-153.");
        String c = r.cite("Choi C et al. Nat Med 2012;18:624-629 (sysbHG)");
        assertEquals("[1], as distributed", a);
        assertEquals("[1].", b);
        assertEquals("[2]", c);
        assertEquals(2, r.list().size());
        assertTrue(r.list().get(0).contains("Proton NMR chemical shifts"));
    }

    /** The voxel in words, not JSON. */
    @Test
    void theVoxelReadsAsMillimetres() {
        java.util.Map<String, Object> seq = new java.util.LinkedHashMap<>();
        seq.put("localisation", java.util.Map.of("voxel_m", List.of(0.02, 0.02, 0.02), "fov_m", List.of(0.03, 0.03,
                0.03), "positions", List.of(64, 64, 64), "method", "projection"));
        seq.put("parameters_as_written", java.util.Map.of("voxel_mm", List.of(20, 20, 20)));
        String text = BasisReport.localisation(seq);
        assertTrue(text.startsWith("voxel 20 × 20 × 20 mm"), text);
        assertTrue(text.contains("simulated field 30 × 30 × 30 mm"), text);
        assertFalse(text.contains("{") || text.contains("\"") || text.contains("["), text);
        assertEquals(1, text.split("voxel", -1).length - 1, text);
    }

    @Test
    void aLarmorBasisSetGivesAWellFormedSelfContainedPageWithTheChecklist() throws Exception {
        LoadedSpectra set = BasisFiles.load(press);
        String html = BasisReport.html(set, 0, 4.5);
        Document doc = parse(html);
        assertEquals("html", doc.getDocumentElement().getLocalName());
        List<String> captions = texts(doc, "figcaption");
        for (String name : List.of("NAA", "Cr", "Ins")) {
            assertTrue(captions.contains(name), name + " has its figure: " + captions);
        }
        NodeList svgs = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg");
        assertEquals(4, svgs.getLength(), "an overview and one per metabolite, inline");
        assertEquals("1000", ((Element) svgs.item(0)).getAttribute("width"));
        var s = summary(doc);
        assertEquals("2.89 T", s.get("Field strength"));
        assertEquals("PRESS (press-te30-3t)", s.get("Pulse sequence"));
        assertEquals("30 ms", s.get("Echo time (TE)"));
        assertEquals("4096", s.get("Spectral points"));
        assertEquals("4000 Hz (dwell time 0.25 ms)", s.get("Spectral width"));
        assertTrue(s.get("RF pulses").contains("refocusing 1 180°"), s.get("RF pulses"));
        assertTrue(s.get("Voxel / localisation").contains("no voxel"));
        assertTrue(s.get("Simulation method").contains("density-matrix"));
        assertTrue(s.get("Spin-system sources").matches(".*\\[\\d+\\].*"), s.get("Spin-system sources"));
        assertTrue(texts(doc, "li").stream().anyMatch(t -> t.startsWith("Govindaraju")), "in the reference list");
        assertTrue(s.get("Basis-set simulation software").startsWith("Larmor "));
        assertTrue(texts(doc, "p").stream().anyMatch(p -> p.startsWith("Basis spectra of 3 metabolites")
                && p.contains("PRESS sequence with TE = 30 ms at 2.89 T")), "methods paragraph");
        selfContained(doc, html);
    }

    @Test
    void aBasisSetFromAnotherToolGivesFewerRowsAndSaysSo() throws Exception {
        Path alone = Files.createDirectories(tmp.resolve("alone"));
        Path basis = Files.copy(press.resolve("lcmodel/press-te30-3t.BASIS"), alone.resolve("tool.BASIS"));
        String html = BasisReport.html(BasisFiles.load(basis), 0, 4.5);
        Document doc = parse(html);
        var s = summary(doc);
        assertEquals(BasisReport.NOT_STATED, s.get("Pulse sequence"));
        assertEquals(BasisReport.NOT_STATED, s.get("Spin-system sources"));
        assertEquals("30 ms", s.get("Echo time (TE)"), "LCModel's ECHOT");
        assertTrue(s.get("Field strength").startsWith("2.890 T (from the frequency, assuming 1H)"),
                s.get("Field strength"));
        assertTrue(texts(doc, "figcaption").containsAll(List.of("NAA", "Cr", "Ins")));
        selfContained(doc, html);
    }

    /** No script, style sheet, image or font fetched from anywhere; element ids unique across the inline SVGs. */
    private static void selfContained(Document doc, String html) {
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("<link"));
        assertFalse(html.contains("<img"));
        assertFalse(html.contains("url(http"));
        Set<String> ids = new HashSet<>();
        NodeList all = doc.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            assertFalse(e.hasAttribute("src"), e.getTagName());
            String href = e.hasAttribute("href") ? e.getAttribute("href") : e.getAttributeNS(
                    "http://www.w3.org/1999/xlink", "href");
            assertTrue(href.isEmpty() || href.startsWith("#"), "only links within the page: " + href);
            if (e.hasAttribute("id")) {
                assertTrue(ids.add(e.getAttribute("id")), "duplicate id " + e.getAttribute("id"));
            }
        }
    }

    private static List<String> texts(Document doc, String tag) {
        List<String> out = new ArrayList<>();
        NodeList n = doc.getElementsByTagNameNS("*", tag);
        for (int i = 0; i < n.getLength(); i++) {
            out.add(n.item(i).getTextContent());
        }
        return out;
    }
}
