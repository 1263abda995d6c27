package org.larmor.synth;

import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSimulator;
import org.larmor.basis.BasisSpectrum;
import org.larmor.input.InputException;
import org.larmor.io.FslBasisReader;
import org.larmor.io.JmruiTextReader;
import org.larmor.io.LcmodelBasisReader;
import org.larmor.io.NiftiMrsReader;
import org.larmor.io.ReadBasis;
import org.larmor.sequence.Sequence;
import org.larmor.sequence.SequenceReader;
import org.larmor.signal.Fid;
import org.larmor.signal.SpectralMetrics;
import org.larmor.signal.Spectrum;
import org.larmor.spin.SpinLibrary;
import org.larmor.spin.SpinSystem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The basis spectra a synthesiser combines: one FID per requested metabolite, in the scenario's order, on one time
 * grid, with the acquisition facts the signal model needs.
 *
 * @param source                 where the basis came from (file, or sequence simulated)
 * @param names                  metabolite names as the scenario writes them, in order
 * @param basisNames             the matching names in the basis (Larmor's canonical names when simulated)
 * @param conditions             the acquired conditions used ("main" for an unedited basis), in acquisition order
 * @param conditionFids          per condition, one FID per metabolite (on-disk convention), all of one grid
 * @param combinations           spectra made from the conditions' averages (DIFF = ON − OFF, …); empty if none
 * @param hzPerPpm               f0·10⁻⁶ (Hz/ppm)
 * @param referencePpm           chemical shift at the receiver frequency (ppm)
 * @param nucleus                observed nucleus ("1H")
 * @param echoTimeS              echo time (s), NaN if unknown
 * @param intrinsicLorentzianHz  Lorentzian FWHM already in the basis lines (Hz)
 * @param intrinsicGaussianHz    Gaussian FWHM already in the basis lines (Hz)
 * @param waterGain              FID amplitude at t = 0 per proton of an uncoupled singlet under the sequence (1 for
 *                               an ideal spin echo, ½ for STEAM), for the water reference
 * @param scanHeader             what a scan's NIfTI-MRS header says of the sequence that made the basis, in order:
 *                               SequenceName, ProtocolName, Manufacturer (if the sequence states one), MixingTime,
 *                               and EditPulse (edited scans); empty for a basis read from a file
 * @param spuriousFids           per condition, per metabolite, the spurious-echo component (the basis sequence with
 *                               finite crushers minus the basis), on the same grid; empty without
 *                               {@code spurious_echoes}
 */
public record SynthBasis(String source, List<String> names, List<String> basisNames, List<String> conditions,
                         List<List<Fid>> conditionFids, List<Sequence.Combination> combinations, double hzPerPpm,
                         double referencePpm, String nucleus, double echoTimeS, double intrinsicLorentzianHz,
                         double intrinsicGaussianHz, double waterGain, Map<String, Object> scanHeader,
                         List<List<Fid>> spuriousFids) {
    public SynthBasis {
        List<List<Fid>> spurious = new ArrayList<>();
        for (List<Fid> f : spuriousFids) {
            spurious.add(List.copyOf(f));
        }
        spuriousFids = List.copyOf(spurious);
        scanHeader = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scanHeader));
        names = List.copyOf(names);
        basisNames = List.copyOf(basisNames);
        conditions = List.copyOf(conditions);
        combinations = List.copyOf(combinations);
        List<List<Fid>> copy = new ArrayList<>();
        for (List<Fid> f : conditionFids) {
            copy.add(List.copyOf(f));
        }
        conditionFids = List.copyOf(copy);
        if (conditionFids.isEmpty() || conditionFids.get(0).isEmpty()) {
            throw new IllegalArgumentException("no basis spectra");
        }
        if (conditionFids.size() != conditions.size()) {
            throw new IllegalArgumentException(conditions.size() + " conditions, " + conditionFids.size()
                    + " sets of FIDs");
        }
        for (List<Fid> fs : conditionFids) {
            if (fs.size() != names.size()) {
                throw new IllegalArgumentException("a condition lacks metabolites");
            }
            for (Fid f : fs) {
                f.requireSameGrid(conditionFids.get(0).get(0));
            }
        }
    }

    /** A basis without spurious-echo components. */
    public SynthBasis(String source, List<String> names, List<String> basisNames, List<String> conditions,
                      List<List<Fid>> conditionFids, List<Sequence.Combination> combinations, double hzPerPpm,
                      double referencePpm, String nucleus, double echoTimeS, double intrinsicLorentzianHz,
                      double intrinsicGaussianHz, double waterGain, Map<String, Object> scanHeader) {
        this(source, names, basisNames, conditions, conditionFids, combinations, hzPerPpm, referencePpm, nucleus,
                echoTimeS, intrinsicLorentzianHz, intrinsicGaussianHz, waterGain, scanHeader, List.of());
    }

    /** A basis without scan-header facts (read from a file, or made in code). */
    public SynthBasis(String source, List<String> names, List<String> basisNames, List<String> conditions,
                      List<List<Fid>> conditionFids, List<Sequence.Combination> combinations, double hzPerPpm,
                      double referencePpm, String nucleus, double echoTimeS, double intrinsicLorentzianHz,
                      double intrinsicGaussianHz, double waterGain) {
        this(source, names, basisNames, conditions, conditionFids, combinations, hzPerPpm, referencePpm, nucleus,
                echoTimeS, intrinsicLorentzianHz, intrinsicGaussianHz, waterGain, Map.of());
    }

    /** An unedited basis: one condition, "main". */
    public SynthBasis(String source, List<String> names, List<String> basisNames, List<Fid> fids, double hzPerPpm,
                      double referencePpm, String nucleus, double echoTimeS, double intrinsicLorentzianHz,
                      double intrinsicGaussianHz, double waterGain) {
        this(source, names, basisNames, List.of(ReadBasis.MAIN), List.of(fids), List.of(), hzPerPpm, referencePpm,
                nucleus, echoTimeS, intrinsicLorentzianHz, intrinsicGaussianHz, waterGain);
    }

    /** The FIDs of the first (for an unedited basis, the only) condition. */
    public List<Fid> fids() {
        return conditionFids.get(0);
    }

    public int points() {
        return fids().get(0).points();
    }

    public double dwellS() {
        return fids().get(0).dwellS();
    }

    /**
     * Loads the basis a scenario names and matches every metabolite of the scenario to it, by name or alias.
     *
     * @param defaultSpinSystems spin-system folder used to simulate and to resolve aliases when the scenario names
     *                           none (may be null or missing: then names must match directly)
     * @throws InputException naming the metabolite (and its line in the scenario) that the basis lacks
     */
    public static SynthBasis load(Scenario scenario, Path defaultSpinSystems) {
        Scenario.BasisSpec spec = scenario.basis();
        Path libDir = spec.spinSystems() != null ? spec.spinSystems() : defaultSpinSystems;
        SpinLibrary library = libDir != null && Files.isDirectory(libDir) ? SpinLibrary.load(libDir) : null;
        SynthBasis b = spec.kind().equals("sequence") ? simulate(scenario, spec, library)
                : fromFile(scenario, spec, library);
        if (spec.points() > 0) {
            b = b.truncated(spec.points(), spec);
        }
        return b;
    }

    private static SynthBasis simulate(Scenario scenario, Scenario.BasisSpec spec, SpinLibrary library) {
        if (library == null) {
            throw new InputException(spec.location(), "basis.spin_systems", "spin-system folder not found: "
                    + spec.spinSystems());
        }
        Sequence seq = SequenceReader.read(spec.path());
        List<SpinSystem> systems = new ArrayList<>();
        Map<SpinSystem, Scenario.Metabolite> asked = new LinkedHashMap<>();
        for (Scenario.Metabolite m : scenario.metabolites()) {
            SpinSystem s = library.find(m.name()).orElseThrow(() -> new InputException(m.location(), m.name(),
                    "the basis (simulated from " + spec.path().getFileName() + ") cannot include metabolite \""
                            + m.name() + "\": no spin system of that name or alias in the spin-system library"));
            if (asked.containsKey(s)) {
                throw new InputException(m.location(), m.name(), "metabolite " + s.name() + " is listed twice (\""
                        + asked.get(s).name() + "\" and \"" + m.name() + "\" are the same)");
            }
            asked.put(s, m);
            systems.add(s);
        }
        Optional<SpinSystem> water = library.find("H2O");
        List<SpinSystem> all = new ArrayList<>(systems);
        // Only a 1H basis carries the water reference's gain; on another nucleus the Synthesiser refuses the term.
        if (scenario.waterReference() != null && water.isPresent() && !systems.contains(water.get())
                && seq.nucleus() == org.larmor.spin.Nucleus.H1) {
            all.add(water.get());
        }
        BasisSet set = BasisSimulator.simulate(all, seq, null);
        List<String> conditions;
        List<Sequence.Combination> combos;
        if (scenario.editing() != null) {
            if (seq.increments() > 1) {
                throw new InputException(spec.location(), "basis.sequence", seq.origin() + " has an indirect"
                        + " dimension; the synthesiser makes edited and 1D spectra only");
            }
            conditions = acquired(scenario.editing(), seq.conditions(), spec);
            combos = combinations(scenario.editing(), seq.combinations(), conditions);
        } else {
            conditions = List.of(condition(spec, set.conditions()));
            combos = List.of();
            if (set.spectrum(conditions.get(0)).combination() && needsReference(scenario)) {
                throw new InputException(spec.location(), "basis.condition", conditions.get(0) + " is a combination"
                        + " of sub-spectra, in which the reference singlet (" + scenario.lineshape().reference()
                        + ") cancels, so an SNR or linewidth target has nothing to measure: synthesise the edited scan"
                        + " with an editing: block (SNR is then defined on OFF and " + conditions.get(0) + " is made"
                        + " from the noisy sub-spectra, as on a scanner), or choose an acquired condition");
            }
        }
        List<List<Fid>> byCondition = new ArrayList<>();
        for (int c = 0; c < conditions.size(); c++) {
            byCondition.add(new ArrayList<>());
        }
        List<String> basisNames = new ArrayList<>();
        double waterGain = 1;
        String waterCondition = conditions.get(waterCondition(conditions, scenario));
        List<SpinSystem> order = new ArrayList<>();
        for (BasisSpectrum bs : set.spectra()) {
            if (systems.contains(bs.system())) {
                for (int c = 0; c < conditions.size(); c++) {
                    byCondition.get(c).add(bs.fid(conditions.get(c)));
                }
                order.add(bs.system());
                basisNames.add(bs.name());
            } else {
                waterGain = singletGain(bs.fid(waterCondition), 2);
            }
        }
        if (water.isPresent() && systems.contains(water.get())) {
            waterGain = singletGain(set.spectra().get(systems.indexOf(water.get())).fid(waterCondition), 2);
        }
        return new SynthBasis(seq.origin() + " (simulated by Larmor)", scenario.metabolites().stream()
                .map(Scenario.Metabolite::name).toList(), basisNames, conditions, byCondition, combos,
                seq.hzPerPpm(), seq.acquisition().referencePpm(), seq.nucleus().symbol(), seq.timing().echoTimeS(),
                seq.acquisition().lorentzianFwhmHz(), seq.acquisition().gaussianFwhmHz(), waterGain,
                scanHeader(seq, conditions), spurious(scenario, seq, order, conditions, byCondition));
    }

    /**
     * The spurious-echo components: each metabolite simulated under {@code spurious_echoes.sequence} (the basis
     * sequence with finite crushers) minus its basis FID, per condition; empty without the block.
     */
    private static List<List<Fid>> spurious(Scenario scenario, Sequence seq, List<SpinSystem> order,
                                            List<String> conditions, List<List<Fid>> byCondition) {
        Scenario.SpuriousEchoes se = scenario.spuriousEchoes();
        if (se == null) {
            return List.of();
        }
        String field = "spurious_echoes.sequence";
        Sequence finite = SequenceReader.read(se.sequence());
        if (!finite.parameters().containsKey("finite_crushers")) {
            throw new InputException(se.location(), field, se.sequence().getFileName() + " has no finite_crushers:"
                    + " the spurious echoes are the difference a finite crushing makes (docs/sequences.md)");
        }
        if (!finite.acquisition().equals(seq.acquisition()) || finite.b0T() != seq.b0T()
                || finite.nucleus() != seq.nucleus()) {
            throw new InputException(se.location(), field, se.sequence().getFileName() + " must have the basis"
                    + " sequence's field, nucleus and acquisition (points, spectral width, receiver, line"
                    + " broadening), so that its difference to the basis is the spurious echoes alone");
        }
        if (!finite.spectra().stream().map(Sequence.Spectrum::name).toList().containsAll(conditions)) {
            throw new InputException(se.location(), field, se.sequence().getFileName() + " lacks conditions of the"
                    + " basis: it has " + finite.conditions() + ", the synthesiser uses " + conditions);
        }
        BasisSet set = BasisSimulator.simulate(order, finite, null);
        List<List<Fid>> out = new ArrayList<>();
        for (int c = 0; c < conditions.size(); c++) {
            List<Fid> deltas = new ArrayList<>();
            for (int k = 0; k < order.size(); k++) {
                Fid ideal = byCondition.get(c).get(k);
                if (set.spectra().get(k).system() != order.get(k)) {
                    throw new IllegalStateException("basis spectra out of order");
                }
                Fid withEchoes = set.spectra().get(k).fid(conditions.get(c));
                withEchoes.requireSameGrid(ideal);
                double[] re = new double[ideal.points()];
                double[] im = new double[ideal.points()];
                for (int t = 0; t < re.length; t++) {
                    re[t] = withEchoes.re()[t] - ideal.re()[t];
                    im[t] = withEchoes.im()[t] - ideal.im()[t];
                }
                deltas.add(new Fid(re, im, ideal.dwellS()));
            }
            out.add(deltas);
        }
        return out;
    }

    /**
     * The NIfTI-MRS keys (specification v0.9 §5) a scanner would write for this sequence: SequenceName (its
     * header label, as LCModel's SEQ), ProtocolName (its name), Manufacturer when the sequence states one,
     * MixingTime (s, STEAM), and for an edited scan EditPulse of the acquired conditions.
     */
    private static Map<String, Object> scanHeader(Sequence seq, List<String> conditions) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("SequenceName", seq.label());
        h.put("ProtocolName", seq.name());
        if (seq.manufacturer() != null) {
            h.put("Manufacturer", seq.manufacturer());
        }
        if (Double.isFinite(seq.timing().mixingTimeS())) {
            h.put("MixingTime", seq.timing().mixingTimeS());
        }
        if (conditions.size() > 1) {
            Map<String, Object> pulses = org.larmor.io.EditPulses.of(seq, conditions);
            if (!pulses.isEmpty()) {
                h.put("EditPulse", pulses);
            }
        }
        return h;
    }

    static boolean needsReference(Scenario scenario) {
        return scenario.lineshape().linewidthHz() != null
                || scenario.noise() != null && scenario.noise().snr() != null;
    }

    /**
     * The condition the water reference (and the singlet gain behind it) is taken from: the one SNR is defined on
     * (editing.snr_condition), else OFF, else the first: the sub-experiment without editing pulses near water.
     */
    static int waterCondition(List<String> conditions, Scenario scenario) {
        String named = scenario.editing() != null ? scenario.editing().snrCondition() : null;
        for (String want : new String[] {named, "OFF"}) {
            for (int c = 0; c < conditions.size() && want != null; c++) {
                if (conditions.get(c).equalsIgnoreCase(want)) {
                    return c;
                }
            }
        }
        return 0;
    }

    /** The conditions an edited scenario acquires: those it lists (by any case), else every one available. */
    private static List<String> acquired(Scenario.Editing e, List<String> available, Scenario.BasisSpec spec) {
        if (e.conditions().isEmpty()) {
            if (available.size() < 2) {
                throw new InputException(e.location(), "editing", "the basis has one condition " + available
                        + ": an edited acquisition needs an edited sequence (MEGA, HERMES, …)");
            }
            return available;
        }
        List<String> out = new ArrayList<>();
        for (String c : e.conditions()) {
            String match = available.stream().filter(a -> a.equalsIgnoreCase(c)).findFirst()
                    .orElseThrow(() -> new InputException(e.location(), "editing.conditions", "the basis has no"
                            + " condition \"" + c + "\"; it has " + available));
            out.add(match);
        }
        return out;
    }

    /** The combinations: the scenario's, else those of the basis that use only acquired conditions. */
    private static List<Sequence.Combination> combinations(Scenario.Editing e, List<Sequence.Combination> basis,
                                                           List<String> conditions) {
        if (!e.combinations().isEmpty()) {
            List<Sequence.Combination> out = new ArrayList<>();
            for (Sequence.Combination c : e.combinations()) {
                Map<String, Double> w = new LinkedHashMap<>();
                for (Map.Entry<String, Double> x : c.weights().entrySet()) {
                    String match = conditions.stream().filter(a -> a.equalsIgnoreCase(x.getKey())).findFirst()
                            .orElseThrow(() -> new InputException(e.location(), "editing.combinations." + c.name(),
                                    "condition \"" + x.getKey() + "\" is not acquired; the conditions are "
                                            + conditions));
                    w.put(match, x.getValue());
                }
                out.add(new Sequence.Combination(c.name(), w));
            }
            return out;
        }
        return basis.stream().filter(c -> conditions.containsAll(c.weights().keySet())).toList();
    }

    private static SynthBasis fromFile(Scenario scenario, Scenario.BasisSpec spec, SpinLibrary library) {
        Path p = spec.path();
        ReadBasis rb = switch (spec.kind()) {
            case "lcmodel" -> LcmodelBasisReader.read(p);
            case "fsl" -> FslBasisReader.read(p);
            case "nifti" -> Files.isDirectory(p) ? NiftiMrsReader.readFolder(p) : NiftiMrsReader.read(p);
            case "jmrui" -> JmruiTextReader.read(p);
            default -> throw new IllegalStateException(spec.kind());
        };
        List<String> conditions;
        List<Sequence.Combination> combos;
        if (scenario.editing() != null) {
            List<Sequence.Combination> standard = new ArrayList<>();
            List<String> names = rb.conditionNames();
            String on = names.stream().filter(x -> x.equalsIgnoreCase("ON")).findFirst().orElse(null);
            String off = names.stream().filter(x -> x.equalsIgnoreCase("OFF")).findFirst().orElse(null);
            if (on != null && off != null) {
                Map<String, Double> w = new LinkedHashMap<>();
                w.put(on, 1.0);
                w.put(off, -1.0);
                standard.add(new Sequence.Combination("DIFF", w));
            }
            // A file's derived spectra (DIFF, SUM) are not acquired: without a list, take ON and OFF if it has both.
            List<String> available = scenario.editing().conditions().isEmpty() && on != null && off != null
                    ? List.of(on, off) : names;
            if (scenario.editing().conditions().isEmpty() && (on == null || off == null)) {
                throw new InputException(scenario.editing().location(), "editing.conditions", p + " holds "
                        + names + ": list the acquired conditions with editing.conditions");
            }
            conditions = acquired(scenario.editing(), available, spec);
            combos = combinations(scenario.editing(), standard, conditions);
        } else {
            conditions = List.of(condition(spec, rb.conditionNames()));
            combos = List.of();
        }
        Map<String, Fid> available = rb.fids(conditions.get(0));
        double mhz = rb.spectrometerMHz();
        if (Double.isNaN(mhz)) {
            mhz = spec.spectrometerMHz();
            if (Double.isNaN(mhz)) {
                throw new InputException(spec.location(), "basis.spectrometer_mhz", p + " does not record the"
                        + " spectrometer frequency: give basis.spectrometer_mhz");
            }
        } else if (!Double.isNaN(spec.spectrometerMHz()) && Math.abs(spec.spectrometerMHz() - mhz) > 1e-6 * mhz) {
            throw new InputException(spec.location(), "basis.spectrometer_mhz", "basis.spectrometer_mhz "
                    + spec.spectrometerMHz() + " contradicts the " + mhz + " MHz recorded in " + p);
        }
        Map<String, List<String>> byCanonical = new LinkedHashMap<>();
        for (String n : available.keySet()) {
            byCanonical.computeIfAbsent(Names.canonical(n, library), k -> new ArrayList<>()).add(n);
        }
        List<Fid> fids = new ArrayList<>();
        List<String> basisNames = new ArrayList<>();
        Map<String, String> used = new LinkedHashMap<>();
        for (Scenario.Metabolite m : scenario.metabolites()) {
            String canon = Names.canonical(m.name(), library);
            List<String> matches = byCanonical.getOrDefault(canon, List.of());
            String match;
            if (matches.size() == 1) {
                match = matches.get(0);
            } else {
                match = matches.stream().filter(x -> Names.key(x).equals(Names.key(m.name()))).findFirst()
                        .orElse(null);
                if (match == null && matches.size() > 1) {
                    throw new InputException(m.location(), m.name(), "metabolite \"" + m.name()
                            + "\" is ambiguous in " + p + ": it matches " + matches + "; write one of these names");
                }
            }
            if (match == null) {
                throw new InputException(m.location(), m.name(), "the basis " + p + " has no metabolite \""
                        + m.name() + "\" (nor an alias of it); it has " + available.keySet());
            }
            if (used.containsKey(match)) {
                throw new InputException(m.location(), m.name(), "\"" + used.get(match) + "\" and \"" + m.name()
                        + "\" are the same basis spectrum \"" + match + "\": list it once");
            }
            used.put(match, m.name());
            fids.add(available.get(match));
            basisNames.add(match);
        }
        List<List<Fid>> byCondition = new ArrayList<>();
        byCondition.add(fids);
        for (int c = 1; c < conditions.size(); c++) {
            Map<String, Fid> cf = rb.fids(conditions.get(c));
            List<Fid> list = new ArrayList<>();
            for (String bn : basisNames) {
                Fid f = cf.get(bn);
                if (f == null) {
                    throw new InputException(spec.location(), "basis." + spec.kind(), p + ": condition "
                            + conditions.get(c) + " has no \"" + bn + "\" (it has " + cf.keySet() + ")");
                }
                list.add(f);
            }
            byCondition.add(list);
        }
        available = rb.fids(conditions.get(waterCondition(conditions, scenario)));
        double waterGain = 1;
        List<String> water = byCanonical.getOrDefault(Names.canonical("H2O", library), List.of());
        if (water.isEmpty()) {
            water = byCanonical.getOrDefault(Names.key("water"), List.of());
        }
        if (!water.isEmpty()) {
            waterGain = singletGain(available.get(water.get(0)), 2);
        }
        double lw = spec.linewidthHz();
        SynthBasis b = new SynthBasis(p.toString(), scenario.metabolites().stream().map(Scenario.Metabolite::name)
                .toList(), basisNames, conditions, byCondition, combos, mhz, spec.referencePpm(), spec.nucleus(),
                rb.echoTimeS(), Double.isNaN(lw) ? 0 : lw, 0, waterGain);
        if (Double.isNaN(lw)) {
            b = b.withIntrinsicLorentzian(b.measureLinewidth(scenario));
        }
        return b;
    }

    private static String condition(Scenario.BasisSpec spec, List<String> conditions) {
        if (spec.condition() != null) {
            for (String c : conditions) {
                if (c.equalsIgnoreCase(spec.condition())) {
                    return c;
                }
            }
            throw new InputException(spec.location(), "basis.condition", "the basis has no condition \""
                    + spec.condition() + "\"; it has " + conditions);
        }
        if (conditions.size() != 1) {
            throw new InputException(spec.location(), "basis.condition", "the basis holds conditions " + conditions
                    + ": choose one with basis.condition");
        }
        return conditions.get(0);
    }

    /** |FID(0)| per proton: the signal an uncoupled singlet of {@code protons} keeps under the sequence. */
    private static double singletGain(Fid fid, int protons) {
        return Math.hypot(fid.re()[0], fid.im()[0]) / protons;
    }

    private SynthBasis truncated(int points, Scenario.BasisSpec spec) {
        if (points > points()) {
            throw new InputException(spec.location(), "basis.points", "the basis has " + points() + " points;"
                    + " cannot use " + points);
        }
        List<List<Fid>> cut = new ArrayList<>();
        for (List<Fid> fs : conditionFids) {
            List<Fid> c = new ArrayList<>();
            for (Fid f : fs) {
                c.add(new Fid(java.util.Arrays.copyOf(f.re(), points), java.util.Arrays.copyOf(f.im(), points),
                        f.dwellS()));
            }
            cut.add(c);
        }
        List<List<Fid>> spuriousCut = new ArrayList<>();
        for (List<Fid> fs : spuriousFids) {
            List<Fid> c = new ArrayList<>();
            for (Fid f : fs) {
                c.add(new Fid(java.util.Arrays.copyOf(f.re(), points), java.util.Arrays.copyOf(f.im(), points),
                        f.dwellS()));
            }
            spuriousCut.add(c);
        }
        return new SynthBasis(source, names, basisNames, conditions, cut, combinations, hzPerPpm, referencePpm,
                nucleus, echoTimeS, intrinsicLorentzianHz, intrinsicGaussianHz, waterGain, scanHeader, spuriousCut);
    }

    private SynthBasis withIntrinsicLorentzian(double lw) {
        return new SynthBasis(source, names, basisNames, conditions, conditionFids, combinations, hzPerPpm,
                referencePpm, nucleus, echoTimeS, lw, intrinsicGaussianHz, waterGain, scanHeader, spuriousFids);
    }

    /**
     * The intrinsic width of a file basis, taken as Lorentzian: the FWHM of the reference metabolite's singlet after
     * a known extra Lorentzian broadening B (which removes the truncation ripple of an undamped basis; Lorentzian
     * widths add), minus B; 0 when the basis has no reference metabolite.
     */
    private double measureLinewidth(Scenario scenario) {
        String ref = scenario.lineshape().reference();
        for (int k = 0; k < names.size(); k++) {
            if (Names.key(names.get(k)).equals(Names.key(ref)) || Names.key(basisNames.get(k)).equals(
                    Names.key(ref))) {
                Fid f = fids().get(k);
                double extra = Math.max(5, 8 / (f.points() * f.dwellS()));
                double[] re = f.re().clone();
                double[] im = f.im().clone();
                for (int t = 0; t < re.length; t++) {
                    double d = Math.exp(-Math.PI * extra * t * f.dwellS());
                    re[t] *= d;
                    im[t] *= d;
                }
                int zf = Integer.highestOneBit(8 * f.points() - 1) << 1;
                Spectrum s = Spectrum.of(new Fid(re, im, f.dwellS()), hzPerPpm, referencePpm, zf);
                double[] w = scenario.lineshape().referenceWindowPpm();
                try {
                    return Math.max(0, SpectralMetrics.fwhmHz(s, w[0], w[1]) - extra);
                } catch (IllegalArgumentException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    /** Index of a metabolite by name or alias as the scenario or the basis writes it, or −1. */
    public int indexOf(String name) {
        for (int k = 0; k < names.size(); k++) {
            if (Names.key(names.get(k)).equals(Names.key(name)) || Names.key(basisNames.get(k)).equals(
                    Names.key(name))) {
                return k;
            }
        }
        return -1;
    }
}
