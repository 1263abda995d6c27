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
 * @param fids                   one FID per metabolite (on-disk convention), all of {@code points} points
 * @param hzPerPpm               f0·10⁻⁶ (Hz/ppm)
 * @param referencePpm           chemical shift at the receiver frequency (ppm)
 * @param nucleus                observed nucleus ("1H")
 * @param echoTimeS              echo time (s), NaN if unknown
 * @param intrinsicLorentzianHz  Lorentzian FWHM already in the basis lines (Hz)
 * @param intrinsicGaussianHz    Gaussian FWHM already in the basis lines (Hz)
 * @param waterGain              FID amplitude at t = 0 per proton of an uncoupled singlet under the sequence (1 for
 *                               an ideal spin echo, ½ for STEAM), for the water reference
 */
public record SynthBasis(String source, List<String> names, List<String> basisNames, List<Fid> fids, double hzPerPpm,
                         double referencePpm, String nucleus, double echoTimeS, double intrinsicLorentzianHz,
                         double intrinsicGaussianHz, double waterGain) {
    public SynthBasis {
        names = List.copyOf(names);
        basisNames = List.copyOf(basisNames);
        fids = List.copyOf(fids);
        if (fids.isEmpty()) {
            throw new IllegalArgumentException("no basis spectra");
        }
        for (Fid f : fids) {
            f.requireSameGrid(fids.get(0));
        }
    }

    public int points() {
        return fids.get(0).points();
    }

    public double dwellS() {
        return fids.get(0).dwellS();
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
        if (scenario.waterReference() != null && water.isPresent() && !systems.contains(water.get())) {
            all.add(water.get());
        }
        BasisSet set = BasisSimulator.simulate(all, seq, null);
        String condition = condition(spec, set.conditions());
        List<Fid> fids = new ArrayList<>();
        List<String> basisNames = new ArrayList<>();
        double waterGain = 1;
        for (BasisSpectrum bs : set.spectra()) {
            if (systems.contains(bs.system())) {
                fids.add(bs.fid(condition));
                basisNames.add(bs.name());
            } else {
                waterGain = singletGain(bs.fid(condition), 2);
            }
        }
        if (water.isPresent() && systems.contains(water.get())) {
            waterGain = singletGain(set.spectra().get(systems.indexOf(water.get())).fid(condition), 2);
        }
        return new SynthBasis(seq.origin() + " (simulated by Larmor)", scenario.metabolites().stream()
                .map(Scenario.Metabolite::name).toList(), basisNames, fids, seq.hzPerPpm(),
                seq.acquisition().referencePpm(), seq.nucleus().symbol(), seq.timing().echoTimeS(),
                seq.acquisition().lorentzianFwhmHz(), seq.acquisition().gaussianFwhmHz(), waterGain);
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
        String condition = condition(spec, rb.conditionNames());
        Map<String, Fid> available = rb.fids(condition);
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
                .toList(), basisNames, fids, mhz, spec.referencePpm(), "1H", rb.echoTimeS(),
                Double.isNaN(lw) ? 0 : lw, 0, waterGain);
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
        List<Fid> cut = new ArrayList<>();
        for (Fid f : fids) {
            cut.add(new Fid(java.util.Arrays.copyOf(f.re(), points), java.util.Arrays.copyOf(f.im(), points),
                    f.dwellS()));
        }
        return new SynthBasis(source, names, basisNames, cut, hzPerPpm, referencePpm, nucleus, echoTimeS,
                intrinsicLorentzianHz, intrinsicGaussianHz, waterGain);
    }

    private SynthBasis withIntrinsicLorentzian(double lw) {
        return new SynthBasis(source, names, basisNames, fids, hzPerPpm, referencePpm, nucleus, echoTimeS, lw,
                intrinsicGaussianHz, waterGain);
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
                Fid f = fids.get(k);
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
