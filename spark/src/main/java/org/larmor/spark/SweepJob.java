package org.larmor.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.spark.api.java.JavaSparkContext;
import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSimulator;
import org.larmor.basis.Version;
import org.larmor.input.InputException;
import org.larmor.input.Sha256;
import org.larmor.input.YamlList;
import org.larmor.input.YamlMap;
import org.larmor.input.YamlNode;
import org.larmor.input.YamlReader;
import org.larmor.input.YamlRewrite;
import org.larmor.io.BasisWriters;
import org.larmor.io.Format;
import org.larmor.sequence.Sequence;
import org.larmor.sequence.SequenceReader;
import org.larmor.spin.SpinLibrary;
import org.larmor.spin.SpinSystem;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code larmor-spark sweep}: one basis set per point of a grid of sequences × B0 × TE, each a Spark task, each
 * written by the same writers as {@code larmor basis} into a folder of its own with its provenance.json. The grid
 * file (docs/spark.md):
 * <pre>
 * name: press-b0-te
 * sequences: [../sequences/press-te30-3t.yaml, ../sequences/siemens-press-te30-3t.yaml]
 * b0_t: [1.5, 2.89, 7.0]        # optional: each sequence's own B0
 * te_ms: [30, 68, 144]          # optional: each sequence's own TE
 * metabolites: brain            # optional: the observed nucleus' default set
 * formats: [lcmodel, nifti]     # optional: all
 * </pre>
 * A grid TE replaces {@code te_ms}; where the sequence splits TE as TE1 + TE2 (PRESS, MEGA-PRESS), TE1 is kept and
 * TE2 = TE − TE1, as a scanner's PRESS lengthens its second echo. Every point's sequence is read on the driver
 * before Spark starts, so a TE that the sequence cannot reach is refused with the grid file's line.
 */
public final class SweepJob {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The grid as read. */
    public record Grid(String name, String description, String source, String sha256, List<Path> sequences,
                       double[] b0T, double[] teS, String metabolites, String formats, Synth synth) {
    }

    /**
     * A synthetic dataset at every grid point (the AGNOSTIC design: Dziadosz M et al., NeuroImage 2023): the
     * scenario with its basis replaced by the point's FSL-MRS files, {@code count} spectra each, seed as given.
     */
    public record Synth(Path scenario, long count, Long seed) {
    }

    /** One grid point, shipped to the executor that makes it. */
    record Point(String folder, String sequencePath, String sequenceText, Double b0T, Double teS, String metabolites,
                 String formats, String spinSystems, String out) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    public record Plan(Grid grid, List<Point> points, List<Point> todo, long kept, Path out) {
    }

    public record Summary(long written, long kept, double seconds, long spectra) {
    }

    private SweepJob() {
    }

    /** Reads the grid file (errors name its line and field). */
    static Grid readGrid(Path file) {
        String text = YamlReader.text(file);
        YamlMap m = YamlReader.read(file.toString(), text).asMap();
        m.allowOnly("name", "description", "source", "sequences", "b0_t", "te_ms", "metabolites", "formats", "synth");
        String name = m.string("name", org.larmor.input.FileNames.stem(file.toString()));
        Path dir = file.toAbsolutePath().getParent();
        List<Path> seqs = new ArrayList<>();
        YamlList sl = m.list("sequences");
        if (sl.size() == 0) {
            throw sl.error("expected at least one sequence file");
        }
        for (YamlNode n : sl.items()) {
            Path p = dir.resolve(n.asString()).normalize();
            if (!Files.isRegularFile(p)) {
                throw n.error("no sequence file " + p);
            }
            seqs.add(p);
        }
        double[] b0 = m.has("b0_t") ? m.list("b0_t").asDoubles(0.01, 30, "T") : null;
        double[] te = null;
        if (m.has("te_ms")) {
            double[] ms = m.list("te_ms").asDoubles(0.1, 2000, "ms");
            te = new double[ms.length];
            for (int i = 0; i < ms.length; i++) {
                te[i] = ms[i] * 1e-3;
            }
        }
        String formats = "all";
        if (m.has("formats")) {
            List<String> f = new ArrayList<>();
            for (YamlNode n : m.list("formats").items()) {
                f.add(n.asString());
            }
            formats = String.join(",", f);
            try {
                Format.parse(formats);
            } catch (InputException e) {
                throw m.require("formats").error(e.problem());
            }
        }
        Synth synth = null;
        if (m.has("synth")) {
            YamlMap sm = m.map("synth").allowOnly("scenario", "count", "seed");
            Path sc = dir.resolve(sm.string("scenario")).normalize();
            if (!Files.isRegularFile(sc)) {
                throw sm.require("scenario").error("no scenario file " + sc);
            }
            long count = (long) sm.number("count", 1, 1e12, "spectra");
            if (count != sm.require("count").asDouble()) {
                throw sm.require("count").error("expected a whole number of spectra");
            }
            Long seed = sm.has("seed") ? (long) sm.number("seed", -9.2e18, 9.2e18, "") : null;
            if (!java.util.Arrays.asList(formats.split(",")).contains("fsl") && !formats.equals("all")) {
                throw (m.has("formats") ? m.require("formats") : sm.require("scenario")).error("synth reads each"
                        + " point's basis from its FSL-MRS files: add fsl to formats");
            }
            synth = new Synth(sc, count, seed);
        }
        return new Grid(name, m.string("description", ""), file.toString(), Sha256.hex(text), seqs, b0, te,
                m.has("metabolites") ? m.string("metabolites") : null, formats, synth);
    }

    /** Reads and checks every grid point's sequence and the output folder; Spark is not touched. */
    public static Plan plan(Path gridFile, Path out, boolean resume, Path spinSystems) throws IOException {
        Grid g = readGrid(gridFile);
        SpinLibrary lib = SpinLibrary.load(spinSystems);
        org.larmor.synth.Scenario scenario = g.synth() == null ? null : org.larmor.synth.ScenarioReader.read(
                g.synth().scenario(), List.of(LarmorSpark.shipped("scenarios").resolve("presets")));
        List<Point> points = new ArrayList<>();
        Path abs = out.toAbsolutePath();
        for (Path seqFile : g.sequences()) {
            String text = YamlReader.text(seqFile);
            double[] b0s = g.b0T() != null ? g.b0T() : new double[] {Double.NaN};
            double[] tes = g.teS() != null ? g.teS() : new double[] {Double.NaN};
            for (double b0 : b0s) {
                for (double te : tes) {
                    Double b = Double.isNaN(b0) ? null : b0;
                    Double t = Double.isNaN(te) ? null : te;
                    Sequence seq = sequenceAt(gridFile, seqFile.toString(), text, b, t);
                    // the selection is checked here too: an unknown metabolite fails before Spark starts
                    List<SpinSystem> selected = lib.select(g.metabolites() == null
                            ? SpinLibrary.defaultSet(seq.nucleus()) : g.metabolites(), seq.nucleus());
                    if (scenario != null) {
                        requireCovered(scenario, selected, lib, gridFile);
                    }
                    points.add(new Point(seq.name(), seqFile.toString(), text, b, t, g.metabolites(), g.formats(),
                            spinSystems.toAbsolutePath().toString(), abs.toString()));
                }
            }
        }
        java.util.Set<String> folders = new java.util.HashSet<>();
        for (Point p : points) {
            if (!folders.add(p.folder())) {
                throw InputException.of(gridFile.toString(), "two grid points make the same basis set \""
                        + p.folder() + "\" (a sequence listed twice?)");
            }
        }
        Files.createDirectories(abs);
        List<Point> todo = new ArrayList<>();
        long kept = 0;
        for (Point p : points) {
            Path folder = abs.resolve(p.folder());
            if (Files.exists(folder.resolve("provenance.json"))) {
                if (!resume) {
                    throw InputException.of(folder.toString(), "holds a basis set already: --resume to keep the"
                            + " grid points written and make the rest, or choose another folder");
                }
                kept++;
            } else {
                todo.add(p);
            }
        }
        return new Plan(g, points, todo, kept, abs);
    }

    /**
     * The sequence of a grid point: the file with b0_t and the echo time replaced (null: as written) and its name
     * made unique to the point, so that every file of the basis set says which point it is.
     */
    static Sequence sequenceAt(Path gridFile, String seqPath, String text, Double b0T, Double teS) {
        YamlMap m = YamlReader.read(seqPath, text).asMap();
        String base = m.string("name", org.larmor.input.FileNames.stem(seqPath));
        StringBuilder name = new StringBuilder(base);
        if (b0T != null) {
            m = YamlRewrite.with(m, "b0_t", YamlRewrite.number(m.has("b0_t") ? m.require("b0_t") : m,
                    Double.toString(b0T)));
            name.append(String.format(Locale.ROOT, "_b0-%sT", trim(b0T)));
        }
        if (teS != null) {
            double teMs = teS * 1e3;
            if (m.string("template").equals("events")) {
                throw InputException.of(gridFile.toString(), "te_ms: " + seqPath + " is an event list; its echo time"
                        + " is its delays, which a grid cannot change (make one file per TE)");
            }
            if (m.has("te1_ms")) {
                double te1 = m.require("te1_ms").asDouble();
                if (!(teMs > te1)) {
                    throw InputException.of(gridFile.toString(), "te_ms: TE " + trim(teMs) + " ms is not longer than"
                            + " TE1 = " + trim(te1) + " ms of " + seqPath + " (TE2 = TE - TE1 must be positive)");
                }
                m = YamlRewrite.with(m, "te2_ms", YamlRewrite.number(m.has("te2_ms") ? m.require("te2_ms")
                        : m.require("te1_ms"), Double.toString(teMs - te1)));
                if (m.has("te_ms")) {
                    m = YamlRewrite.with(m, "te_ms", YamlRewrite.number(m.require("te_ms"), Double.toString(teMs)));
                }
            } else {
                m = YamlRewrite.with(m, "te_ms", YamlRewrite.number(m.has("te_ms") ? m.require("te_ms") : m,
                        Double.toString(teMs)));
            }
            name.append(String.format(Locale.ROOT, "_te-%sms", trim(teMs)));
        }
        if (b0T != null || teS != null) {
            m = YamlRewrite.with(m, "name", YamlRewrite.string(m.has("name") ? m.require("name") : m,
                    name.toString()));
        }
        return SequenceReader.parse(seqPath, m, Sha256.hex(text));
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** Makes the plan's basis sets with Spark, then writes sweep.json (the grid, every point and its folder). */
    public static Summary run(Plan plan, JavaSparkContext jsc) throws IOException {
        long t0 = System.nanoTime();
        long written = 0;
        if (!plan.todo().isEmpty()) {
            String gridFile = plan.grid().source();
            List<Integer> done = jsc.parallelize(plan.todo(), plan.todo().size())
                    .map(p -> make(Path.of(gridFile), p))
                    .collect();
            written = done.size();
        }
        long synthesised = 0;
        if (plan.grid().synth() != null) {
            for (Point p : plan.points()) {
                Path dataset = plan.out().resolve(p.folder()).resolve("synth");
                if (Files.exists(dataset.resolve("manifest.json"))) {
                    continue; // complete: kept on --resume (a folder without a manifest is resumed)
                }
                SynthJob.Plan sp = SynthJob.plan(synthRequest(plan.grid().synth(), plan.out().resolve(p.folder()),
                        Files.isDirectory(dataset)));
                synthesised += SynthJob.run(sp, jsc).written();
            }
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generator", "Larmor sweep on Apache Spark");
        m.put("larmor_version", Version.get());
        m.put("grid", plan.grid().name());
        m.put("grid_file", plan.grid().source());
        m.put("grid_sha256", plan.grid().sha256());
        m.put("spark_master", jsc.master());
        List<Map<String, Object>> pts = new ArrayList<>();
        for (Point p : plan.points()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("folder", p.folder());
            e.put("sequence_file", p.sequencePath());
            e.put("sequence_sha256", Sha256.hex(p.sequenceText()));
            e.put("b0_t", p.b0T() == null ? "as in the file" : p.b0T());
            e.put("te_s", p.teS() == null ? "as in the file" : p.teS());
            pts.add(e);
        }
        m.put("points", pts);
        if (plan.grid().synth() != null) {
            Map<String, Object> sy = new LinkedHashMap<>();
            sy.put("scenario", plan.grid().synth().scenario().toString());
            sy.put("count_per_point", plan.grid().synth().count());
            sy.put("seed", plan.grid().synth().seed() == null ? "the scenario's" : plan.grid().synth().seed());
            sy.put("dataset", "<folder>/synth: Parquet parts (docs/spark.md), the scenario with its basis replaced by"
                    + " the point's fsl/ files in <folder>/synth/scenario.yaml");
            m.put("synth", sy);
        }
        SynthJob.writeAtomically(plan.out(), "sweep.json", JSON.writeValueAsBytes(m));
        return new Summary(written, plan.kept(), seconds, synthesised);
    }

    /** Every metabolite of the synth scenario must be in the grid's basis sets (by name or alias). */
    private static void requireCovered(org.larmor.synth.Scenario scenario, List<SpinSystem> selected, SpinLibrary lib,
                                       Path gridFile) {
        java.util.Set<String> have = new java.util.HashSet<>();
        selected.forEach(x -> have.add(x.name()));
        List<String> missing = new ArrayList<>();
        for (org.larmor.synth.Scenario.Metabolite met : scenario.metabolites()) {
            String name = lib.find(met.name()).map(SpinSystem::name).orElse(met.name());
            if (!have.contains(name)) {
                missing.add(met.name());
            }
        }
        if (!missing.isEmpty()) {
            throw InputException.of(gridFile.toString(), "metabolites: the synth scenario " + scenario.name()
                    + " needs " + String.join(", ", missing) + ", which the grid's basis sets lack; add them to"
                    + " metabolites");
        }
    }

    /** The synth request of one grid point: its scenario with the basis replaced by the point's FSL-MRS files. */
    static SynthJob.Request synthRequest(Synth synth, Path pointFolder, boolean resume) {
        String text = withBasis(synth.scenario(), pointFolder.resolve("fsl").toAbsolutePath());
        return new SynthJob.Request(synth.scenario(), synth.count(), synth.seed(), 0, 0, pointFolder.resolve("synth"),
                resume, false, null, null, "none", "parquet", false, false, text);
    }

    /**
     * The scenario's text with {@code basis:} reading the FSL-MRS folder {@code fsl} (its points, condition and other
     * keys kept; spin_systems, sequence and files dropped), as YAML: the derived scenario each point's dataset
     * records.
     */
    static String withBasis(Path scenario, Path fsl) {
        String text = YamlReader.text(scenario);
        Map<String, Object> plain = YamlReader.read(scenario.toString(), text).asMap().toPlain();
        Map<String, Object> basis = new LinkedHashMap<>();
        basis.put("fsl", fsl.toString());
        Object old = plain.get("basis");
        if (old instanceof Map<?, ?> b) {
            for (Map.Entry<?, ?> e : b.entrySet()) {
                String k = String.valueOf(e.getKey());
                if (!List.of("sequence", "lcmodel", "fsl", "nifti", "jmrui", "spin_systems").contains(k)) {
                    basis.put(k, e.getValue());
                }
            }
        }
        plain.put("basis", basis);
        try {
            return "# " + scenario + " with its basis replaced by " + fsl + " (larmor-spark sweep)\n"
                    + new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml
                    .YAMLFactory()).writeValueAsString(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** On an executor: one grid point's basis set, simulated and written as {@code larmor basis} does. */
    static int make(Path gridFile, Point p) {
        Sequence seq = sequenceAt(gridFile, p.sequencePath(), p.sequenceText(), p.b0T(), p.teS());
        SpinLibrary lib = SpinLibrary.load(Path.of(p.spinSystems()));
        List<SpinSystem> systems = lib.select(p.metabolites() == null ? SpinLibrary.defaultSet(seq.nucleus())
                : p.metabolites(), seq.nucleus());
        BasisSet set = BasisSimulator.simulate(systems, seq, false, (BasisSimulator.Progress) null);
        Path folder = Path.of(p.out()).resolve(p.folder());
        try {
            BasisWriters.write(set, Format.parse(p.formats()), folder, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + folder + ": " + e.getMessage(), e);
        }
        return systems.size();
    }

}
