package org.larmor.basis;

import org.larmor.engine.Simulator;
import org.larmor.sequence.Acquisition;
import org.larmor.sequence.Sequence;
import org.larmor.signal.Fid;
import org.larmor.signal.LineList;
import org.larmor.spin.SpinSystem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;

/**
 * Simulates a basis set: every metabolite under one sequence, in parallel on all cores, with each combination
 * (MEGA's DIFF) formed from the exact line lists. Results are in the requested order whatever the thread count.
 */
public final class BasisSimulator {
    private BasisSimulator() {
    }

    /** Told after each metabolite, from worker threads: how many are done, of how many, and which one it was. */
    @FunctionalInterface
    public interface Progress {
        void done(int done, int total, String metabolite);
    }

    /**
     * @param progress called as (done, total) after each metabolite, from worker threads; may be null
     */
    public static BasisSet simulate(List<SpinSystem> systems, Sequence seq, BiConsumer<Integer, Integer> progress) {
        return simulate(systems, seq, false, progress);
    }

    /** As below, with a progress callback that takes (done, total) only; may be null. */
    public static BasisSet simulate(List<SpinSystem> systems, Sequence seq, boolean relaxation,
                                    BiConsumer<Integer, Integer> progress) {
        return simulate(systems, seq, relaxation, progress == null ? (Progress) null
                : (d, t, name) -> progress.accept(d, t));
    }

    /** As above; with {@code relaxation}, each system's T1/T2 act during the sequence's delays. */
    public static BasisSet simulate(List<SpinSystem> systems, Sequence seq, boolean relaxation, Progress progress) {
        BasisSpectrum[] out = new BasisSpectrum[systems.size()];
        AtomicInteger done = new AtomicInteger();
        // Costliest first (a cluster of n coupled spins costs ~8^n), so that the longest job does not start last;
        // each result goes to its own index, so the order of work does not change the output.
        Integer[] order = IntStream.range(0, systems.size()).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(order, (a, b) -> Double.compare(cost(systems.get(b), seq.nucleus()), cost(systems.get(a), seq.nucleus())));
        B1Average.Result[] b1 = new B1Average.Result[systems.size()];
        List<Runnable> jobs = new java.util.ArrayList<>();
        for (int i : order) {
            jobs.add(() -> {
                if (seq.b1Distribution() != null) {
                    b1[i] = B1Average.of(systems.get(i), seq, relaxation);
                    out[i] = spectrum(systems.get(i), seq, b1[i].lines());
                } else {
                    out[i] = simulate(systems.get(i), seq, relaxation);
                }
                int d = done.incrementAndGet();
                if (progress != null) {
                    progress.done(d, systems.size(), systems.get(i).name());
                }
            });
        }
        onAllCores(jobs);
        Map<String, List<String>> omitted = omitted(seq, List.of(out));
        Provenance p = Provenance.of(seq, systems, relaxation, omitted);
        if (seq.b1Distribution() != null) {
            p = p.withB1Quadrature(java.util.Arrays.asList(b1));
        }
        return new BasisSet(seq, List.of(out), p, omitted);
    }

    /**
     * Runs the jobs (one metabolite each; inside them the engine's parallel streams over positions and parts) in a
     * pool of one worker per core, each job submitted on its own and the calling thread only waiting. A worker that
     * finishes a job then takes any task, including another job's positions. One parallel stream over the
     * metabolites, as before, left a worker that had finished its share waiting on the stream instead: measured on 2
     * cores with five metabolites, 1.25 cores were busy. Called from a pool's worker already, the jobs run in turn
     * there.
     */
    private static void onAllCores(List<Runnable> jobs) {
        if (java.util.concurrent.ForkJoinTask.inForkJoinPool()) {
            jobs.forEach(Runnable::run);
            return;
        }
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(
                Runtime.getRuntime().availableProcessors());
        try {
            List<java.util.concurrent.Future<?>> running = new java.util.ArrayList<>();
            for (Runnable job : jobs) {
                running.add(pool.submit(job));
            }
            for (java.util.concurrent.Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while simulating", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A combination's signal counts as zero below this fraction of the strongest acquired sub-spectrum of the same
     * metabolite (Σ |line amplitude|): a singlet far from every editing band cancels in DIFF to ~1e-16.
     */
    public static final double ZERO_SIGNAL = 1e-6;

    /** Per combination spectrum, the metabolites whose signal cancels there. */
    static Map<String, List<String>> omitted(Sequence seq, List<BasisSpectrum> spectra) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Sequence.Spectrum sp : seq.spectra()) {
            if (!sp.combination()) {
                continue;
            }
            List<String> zero = new ArrayList<>();
            for (BasisSpectrum b : spectra) {
                double acquired = 0;
                for (String c : seq.conditions()) {
                    acquired = Math.max(acquired, b.lines().get(seq.spectrumName(c, sp.increment())).absoluteSum());
                }
                if (b.lines().get(sp.name()).absoluteSum() <= ZERO_SIGNAL * acquired) {
                    zero.add(b.name());
                }
            }
            if (!zero.isEmpty()) {
                out.put(sp.name(), zero);
            }
        }
        return out;
    }

    /**
     * Relative cost estimate: Σ over sub-systems (as the observed nucleus sees them) of 8^(largest coupled cluster of
     * that nucleus), ignoring spectators.
     */
    static double cost(SpinSystem s, org.larmor.spin.Nucleus observed) {
        double c = 0;
        for (org.larmor.spin.SubSystem sub : s.subsystemsObservedOn(observed)) {
            int largest = 0;
            for (java.util.List<Integer> cl : org.larmor.spin.CoupledClusters.of(sub, observed)) {
                largest = Math.max(largest, cl.size() == 1 ? 1 : org.larmor.spin.CoupledClusters.expandedSize(sub,
                        cl));
            }
            c += Math.pow(8, largest);
        }
        return c;
    }

    /** One metabolite's basis spectrum. */
    public static BasisSpectrum simulate(SpinSystem system, Sequence seq) {
        return simulate(system, seq, false);
    }

    /** One metabolite's basis spectrum, with or without relaxation during the sequence. */
    public static BasisSpectrum simulate(SpinSystem system, Sequence seq, boolean relaxation) {
        return spectrum(system, seq, seq.b1Distribution() != null ? B1Average.of(system, seq, relaxation).lines()
                : Simulator.simulate(system, seq, relaxation));
    }

    /** The basis spectrum from the acquired sub-experiments' lines: combinations formed, FIDs sampled. */
    static BasisSpectrum spectrum(SpinSystem system, Sequence seq, Map<String, LineList> acquired) {
        Map<String, LineList> lines = new LinkedHashMap<>();
        for (Sequence.Spectrum sp : seq.spectra()) {
            if (!sp.combination()) {
                lines.put(sp.name(), acquired.get(sp.name()));
                continue;
            }
            Sequence.Combination c = seq.combinations().stream().filter(x -> x.name().equals(sp.source()))
                    .findFirst().orElseThrow();
            LineList sum = LineList.EMPTY;
            for (Map.Entry<String, Double> w : c.weights().entrySet()) {
                sum = sum.plus(acquired.get(seq.spectrumName(w.getKey(), sp.increment())), w.getValue());
            }
            lines.put(sp.name(), sum.merged(1e-13));
        }
        Acquisition a = seq.acquisition();
        Map<String, Fid> fids = new LinkedHashMap<>();
        for (Map.Entry<String, LineList> e : lines.entrySet()) {
            fids.put(e.getKey(), e.getValue().toFid(a.points(), a.dwellS(), a.lorentzianFwhmHz(),
                    a.gaussianFwhmHz()));
        }
        return new BasisSpectrum(system, fids, lines);
    }

}
