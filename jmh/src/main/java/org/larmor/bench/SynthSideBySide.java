package org.larmor.bench;

import java.lang.management.*;
import java.lang.reflect.*;
import java.net.*;
import java.nio.file.*;
import java.util.*;

/**
 * Two builds of the synthesiser side by side in one JVM (each in a class loader of its own), batches alternating on
 * one thread, per-thread CPU µs per spectrum: a back-to-back comparison that a loaded machine disturbs far less
 * than separate runs (docs/benchmarks.md, synthesiser, second round). Not a JMH benchmark. From the project root:
 * {@code java --add-modules=jdk.incubator.vector -XX:ActiveProcessorCount=1 -cp jmh/target/classes
 * org.larmor.bench.SynthSideBySide OLD/target/classes target/classes CLASSPATH-FILE benchmark-press-3t gen|chunk
 * PER ROUNDS}, CLASSPATH-FILE from {@code mvn -q -o dependency:build-classpath -Dmdep.outputFile=FILE}; "gen" times
 * PER calls of {@code Synthesiser.generate}, "chunk" PER chunks of 1000 spectra by {@code Dataset.writeChunk}.
 */
public class SynthSideBySide {
    static class Side {
        final String name; Object synth, ws; Method gen, writeChunk; Constructor<?> options; Path out;
        Side(String name, Path classes, List<URL> deps) throws Exception {
            this.name = name;
            List<URL> urls = new ArrayList<>(); urls.add(classes.toUri().toURL()); urls.addAll(deps);
            ClassLoader l = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
            Class<?> reader = l.loadClass("org.larmor.synth.ScenarioReader");
            Class<?> scen = l.loadClass("org.larmor.synth.Scenario");
            Class<?> basis = l.loadClass("org.larmor.synth.SynthBasis");
            Class<?> syn = l.loadClass("org.larmor.synth.Synthesiser");
            Class<?> wsc = l.loadClass("org.larmor.synth.Synthesiser$Workspace");
            Class<?> ds = l.loadClass("org.larmor.synth.Dataset");
            Class<?> opt = l.loadClass("org.larmor.synth.Dataset$Options");
            Object sc = reader.getMethod("read", Path.class, List.class).invoke(null, Path.of("scenarios", NAME + ".yaml"), List.of(Path.of("scenarios", "presets")));
            Object b = basis.getMethod("load", scen, Path.class).invoke(null, sc, Path.of("spin-systems"));
            synth = syn.getConstructor(scen, basis).newInstance(sc, b);
            ws = syn.getMethod("newWorkspace").invoke(synth);
            gen = syn.getMethod("generate", long.class, long.class, wsc, boolean.class, boolean.class);
            writeChunk = ds.getMethod("writeChunk", syn, wsc, Path.class, opt, int.class, int.class, long.class);
            options = opt.getConstructors()[0];
            out = Files.createTempDirectory("ab-" + name);
        }
        long idx;
        double batch(String mode, int per) throws Exception {
            ThreadMXBean tb = ManagementFactory.getThreadMXBean();
            long t0 = tb.getCurrentThreadCpuTime();
            if (mode.equals("gen")) {
                for (int i = 0; i < per; i++) gen.invoke(synth, 42L, idx++, ws, false, false);
                return (tb.getCurrentThreadCpuTime() - t0) / 1e3 / per;
            }
            Object o = options.newInstance(1_000_000L, 42L, 1000, 1, false, false, false, false, false);
            for (int c = 0; c < per; c++) writeChunk.invoke(null, synth, ws, out, o, 1000, 5, (long) (c % 50));
            return (tb.getCurrentThreadCpuTime() - t0) / 1e3 / (1000.0 * per);
        }
    }
    static String NAME;
    public static void main(String[] a) throws Exception {
        NAME = a[3]; String mode = a[4]; int per = Integer.parseInt(a[5]); int rounds = Integer.parseInt(a[6]);
        List<URL> deps = new ArrayList<>();
        for (String p : Files.readString(Path.of(a[2])).trim().split(":")) deps.add(Path.of(p).toUri().toURL());
        Side old = new Side("old", Path.of(a[0]), deps);
        // -Dab.new.<property>=<value>: a system property set for the new side only (read when its workspace is
        // made), e.g. -Dab.new.larmor.synth.onepass=on to compare a kernel choice within one build.
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("ab.new."))
                .forEach(k -> System.setProperty(k.substring("ab.new.".length()), System.getProperty(k)));
        Side neu = new Side("new", Path.of(a[1]), deps);
        old.batch(mode, per); neu.batch(mode, per); old.batch(mode, per); neu.batch(mode, per);   // warm-up
        List<Double> o = new ArrayList<>(), n = new ArrayList<>(), ratio = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            double x = old.batch(mode, per), y = neu.batch(mode, per);
            o.add(x); n.add(y); ratio.add(y / x);
        }
        Collections.sort(o); Collections.sort(n); Collections.sort(ratio);
        System.out.printf(Locale.ROOT, "%s %s: old min %.1f median %.1f µs, new min %.1f median %.1f µs, new/old median %.3f (per round: %s)%n",
                NAME, mode, o.get(0), o.get(o.size() / 2), n.get(0), n.get(n.size() / 2), ratio.get(ratio.size() / 2), ratio);
    }
}
