package org.larmor.cli;

import org.larmor.basis.Version;
import org.larmor.input.InputException;
import org.larmor.plot.AtomicWrite;
import org.larmor.priors.FitResult;
import org.larmor.priors.FslMrsReader;
import org.larmor.priors.LcmodelReader;
import org.larmor.priors.Priors;
import org.larmor.priors.PriorsWriter;
import org.larmor.priors.SubjectTable;
import org.larmor.synth.ScenarioReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code larmor priors}: scenario distributions from a cohort of fits (LCModel .table/.coord/.csv, FSL-MRS results
 * folders, Osprey QuantifyResults tables with their QM table). Writes a scenario fragment whose concentrations are a
 * Gaussian copula and whose linewidth, SNR, shift and phase are fitted where the fits report them, each with its
 * source (docs/synthesiser.md, "Priors from fits").
 */
@Command(name = "priors", mixinStandardHelpOptions = true,
        description = {"Fit scenario distributions (a Gaussian copula of concentrations; linewidth, SNR, shift,"
                + " phase) to a cohort of LCModel, FSL-MRS or Osprey results, and write them as a scenario fragment"
                + " that records where each came from.",
                "Example: larmor priors fits/*.table --reference tCr=8 --spectrometer-mhz 123.25 --out priors.yaml"})
final class PriorsCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FITS", description = "LCModel .table/.coord/.csv files, FSL-MRS"
            + " results folders (summary.csv or concentrations.csv + qc.csv), Osprey QuantifyResults .tsv tables,"
            + " Osprey QM_processed_spectra tables, or folders holding them")
    List<Path> fits;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "scenario fragment to"
            + " write (YAML)")
    Path out;

    @Option(names = "--units", paramLabel = "UNIT", description = "the fits' concentrations are already in this"
            + " unit (only mM)")
    String units;

    @Option(names = "--reference", paramLabel = "NAME=MM", description = "scale the concentrations so that the"
            + " cohort's mean NAME (a metabolite or a sum: tCr, Cr+PCr) is MM mM")
    String reference;

    @Option(names = "--per-subject", description = "with --reference: scale each subject to its own reference (ratios;"
            + " the reference's spread is removed)")
    boolean perSubject;

    @Option(names = "--map", paramLabel = "NAME=METABOLITE", description = "use a fitted sum or name as one Larmor"
            + " metabolite (e.g. tCr=Cr for a basis with one creatine); repeatable")
    List<String> map = new ArrayList<>();

    @Option(names = "--marginals", paramLabel = "KIND", defaultValue = "normal", description = "normal (by moments,"
            + " truncated where needed; default), log_normal or empirical")
    String marginals;

    @Option(names = "--spectrometer-mhz", paramLabel = "MHZ", description = "the field, to turn LCModel's FWHM and"
            + " Data shift (ppm) into Hz when the file does not record HZPPPM")
    Double spectrometerMHz;

    @Option(names = "--snr-factor", paramLabel = "F", description = "factor from the tool's SNR to the synthesiser's"
            + " MRSinMRS SNR (default: 2 for LCModel's S/N, 1 for FSL-MRS and Osprey)")
    Double snrFactor;

    @Option(names = "--reference-peak", paramLabel = "NAME", defaultValue = "NAA", description = "metabolite whose"
            + " SNR and FWHM FSL-MRS's and Osprey's tables give (default NAA, the synthesiser's default reference)")
    String referencePeak;

    @Option(names = "--fsl-column", paramLabel = "COLUMN", description = "FSL-MRS concentration column (summary.csv:"
            + " mM, mMol/kg, /Cr+PCr, Raw conc; concentrations.csv: molarity, molality, internal, raw); default the"
            + " first present in that order")
    String fslColumn;

    @Option(names = "--qm-fwhm-unit", paramLabel = "UNIT", description = "unit of the FWHM in Osprey's QM table, hz"
            + " or ppm (Osprey versions differ; default: inferred from the values and said in the source)")
    String qmFwhmUnit;

    @Option(names = "--basis-sequence", paramLabel = "FILE", description = "also write basis: {sequence: FILE}, so the"
            + " output is a whole scenario")
    Path basisSequence;

    @Option(names = "--spin-systems", paramLabel = "DIR", description = "spin-system folder for names and aliases"
            + " (default: shipped)")
    Path spinSystems;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        List<FitResult> subjects = new ArrayList<>();
        List<Path> quality = new ArrayList<>();
        for (Path p : expand(fits)) {
            read(p, subjects, quality);
        }
        if (!quality.isEmpty()) {
            if (quality.size() > 1) {
                throw InputException.of(quality.get(1).toString(), "more than one Osprey QM table: give one per run");
            }
            if (subjects.stream().anyMatch(f -> f.format() != FitResult.Format.SUBJECT_TABLE)) {
                throw InputException.of(quality.get(0).toString(), "an Osprey QM table goes with an Osprey"
                        + " QuantifyResults table only");
            }
            subjects = SubjectTable.withQuality(subjects, quality.get(0), referencePeak, qmFwhmUnit);
        }
        String refName = null;
        double refMm = Double.NaN;
        if (reference != null) {
            String[] kv = reference.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw InputException.of("--reference", "expected NAME=MM (e.g. tCr=8.0), got \"" + reference + "\"");
            }
            refName = kv[0].trim();
            refMm = parse(kv[1], "--reference");
            if (!(refMm > 0 && refMm < ScenarioReaderLimits.MAX_MM)) {
                throw InputException.of("--reference", "expected a concentration above 0 mM, got " + kv[1]);
            }
        } else if (perSubject) {
            throw InputException.of("--per-subject", "needs --reference NAME=MM");
        }
        Map<String, String> maps = new LinkedHashMap<>();
        for (String m : map) {
            String[] kv = m.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                throw InputException.of("--map", "expected NAME=METABOLITE (e.g. tCr=Cr), got \"" + m + "\"");
            }
            maps.put(kv[0].trim(), kv[1].trim());
        }
        if (spectrometerMHz != null && !(spectrometerMHz >= 1 && spectrometerMHz <= 2000)) {
            throw InputException.of("--spectrometer-mhz", "expected 1–2000 MHz, got " + spectrometerMHz);
        }
        if (snrFactor != null && !(snrFactor > 0 && Double.isFinite(snrFactor))) {
            throw InputException.of("--snr-factor", "expected a positive factor, got " + snrFactor);
        }
        Priors.Options o = new Priors.Options(units, refName, refMm, perSubject, maps,
                marginals.toLowerCase(Locale.ROOT), spectrometerMHz == null ? Double.NaN : spectrometerMHz,
                snrFactor == null ? Double.NaN : snrFactor, Locations.spinLibrary(spinSystems));
        Priors.Result r = Priors.fit(subjects, o);
        String basis = null;
        if (basisSequence != null) {
            if (!Files.isRegularFile(basisSequence)) {
                throw InputException.of(basisSequence.toString(), "--basis-sequence: file not found");
            }
            basis = basisSequence.toAbsolutePath().normalize().toString();
        }
        String yaml = PriorsWriter.yaml(r, "larmor " + String.join(" ", spec.commandLine().getParseResult()
                .originalArgs()), Version.get(), basis);
        check(yaml, basis);
        try {
            AtomicWrite.write(out, yaml.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        err.printf(Locale.ROOT, "larmor priors: %d subjects; copula of %d metabolites%s%s; wrote %s%n", r.subjects(),
                r.metabolites().size(), r.fixed().isEmpty() ? "" : ", " + r.fixed().size() + " outside it",
                r.projected() ? " (correlation PROJECTED to the nearest positive definite matrix)" : "", out);
        for (String l : r.leftOut()) {
            err.println("larmor priors: left out: " + l);
        }
        return 0;
    }

    /** The fragment must read back as a scenario (with a stand-in basis when it has none). */
    private void check(String yaml, String basis) {
        String text = basis != null ? yaml : "basis: {sequence: " + PriorsWriter.class.getName() + "}\n" + yaml;
        try {
            Path dir = Files.createTempDirectory("larmor-priors");
            try {
                if (basis == null) {
                    Files.writeString(dir.resolve(PriorsWriter.class.getName()), "");
                }
                ScenarioReader.parse(out.toString(), text, dir, List.of());
            } finally {
                try (Stream<Path> s = Files.list(dir)) {
                    for (Path p : s.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InputException e) {
            throw new IllegalStateException("the priors written do not read back as a scenario: " + e.getMessage(), e);
        }
    }

    private static List<Path> expand(List<Path> given) {
        List<Path> out = new ArrayList<>();
        for (Path p : given) {
            if (!Files.exists(p)) {
                throw InputException.of(p.toString(), "file or folder not found");
            }
            if (Files.isDirectory(p) && !FslMrsReader.isResultsFolder(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    List<Path> inside = s.sorted().filter(q -> FslMrsReader.isResultsFolder(q) || kind(q) != null)
                            .toList();
                    if (inside.isEmpty()) {
                        throw InputException.of(p.toString(), "no fit results in this folder (.table, .coord, .csv,"
                                + " .tsv, or FSL-MRS results folders)");
                    }
                    out.addAll(inside);
                } catch (IOException e) {
                    throw InputException.of(p.toString(), "cannot list folder: " + e.getMessage());
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    private static String kind(Path p) {
        if (!Files.isRegularFile(p)) {
            return null;
        }
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String ext : List.of("table", "coord", "csv", "tsv", "txt")) {
            if (n.endsWith("." + ext)) {
                return ext;
            }
        }
        return null;
    }

    private void read(Path p, List<FitResult> subjects, List<Path> quality) {
        if (FslMrsReader.isResultsFolder(p)) {
            subjects.add(FslMrsReader.read(p, fslColumn, referencePeak));
            return;
        }
        String k = kind(p);
        if (k == null) {
            throw InputException.of(p.toString(), "not a fit result this command reads: expected an LCModel .table,"
                    + " .coord or .csv, an FSL-MRS results folder, or an Osprey .tsv table");
        }
        switch (k) {
            case "table", "coord" -> subjects.add(LcmodelReader.readTable(p));
            default -> {
                if (SubjectTable.isQualityTable(p)) {
                    quality.add(p);
                } else if (isLcmodelCsv(p)) {
                    subjects.addAll(LcmodelReader.readCsv(p));
                } else {
                    subjects.addAll(SubjectTable.read(p));
                }
            }
        }
    }

    private static boolean isLcmodelCsv(Path p) {
        try (Stream<String> lines = Files.lines(p, StandardCharsets.ISO_8859_1)) {
            String first = lines.findFirst().orElse("");
            String f = first.trim().toLowerCase(Locale.ROOT);
            return f.startsWith("row") && first.contains("%SD");
        } catch (IOException | UncheckedIOException e) {
            throw InputException.of(p.toString(), "cannot read: " + e.getMessage());
        }
    }

    private static double parse(String s, String option) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw InputException.of(option, "expected a number, got \"" + s + "\"");
        }
    }

    /** The synthesiser's concentration limit, mirrored here. */
    private static final class ScenarioReaderLimits {
        static final double MAX_MM = 120_000;
    }
}
