package org.larmor.synth;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.larmor.signal.Fid;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A noise-free, unbroadened synthetic spectrum is exactly Σ c_m·B_m: a linear least-squares fit with the known basis
 * (real and imaginary parts stacked) gives back the drawn concentrations.
 */
class ConcentrationRecoveryTest {
    private static Synthesiser pressBasis;

    @BeforeAll
    static void simulateBasis() throws Exception {
        // Ten overlapping metabolites simulated by Larmor (PRESS TE 30 ms, 3 T), kept to 1024 points.
        Path dir = Files.createTempDirectory("larmor-synth-ls");
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(scenario, """
                basis:
                  sequence: %s
                  points: 1024
                concentrations_mm:
                  NAA: {dist: uniform, min: 8, max: 14}
                  Cr: {dist: uniform, min: 3, max: 6}
                  PCr: {dist: uniform, min: 2, max: 5}
                  Glu: {dist: uniform, min: 6, max: 12}
                  Gln: {dist: uniform, min: 2, max: 5}
                  mI: {dist: uniform, min: 4, max: 8}
                  GPC: {dist: uniform, min: 0.5, max: 2}
                  PCh: {dist: uniform, min: 0.2, max: 1}
                  GSH: {dist: uniform, min: 1, max: 3}
                  Tau: {dist: uniform, min: 1, max: 2}
                """.formatted(Path.of("sequences/press-te30-3t.yaml").toAbsolutePath()));
        Scenario sc = ScenarioReader.read(scenario, List.of());
        pressBasis = new Synthesiser(sc, SynthBasis.load(sc, Path.of("spin-systems")));
    }

    @Test
    void leastSquaresWithTheBasisRecoversTheConcentrationsOfSimulatedMetabolites() {
        for (long index = 0; index < 5; index++) {
            Sample s = pressBasis.generate(42, index, false, false);
            double[] fitted = fit(pressBasis.basis().fids(), s.fid());
            for (int m = 0; m < fitted.length; m++) {
                String name = pressBasis.scenario().metabolites().get(m).name();
                double truth = s.value(name + ".concentration_mm");
                assertEquals(truth, fitted[m], 1e-6 * truth, name + " in spectrum " + index);
            }
        }
    }

    @Test
    void leastSquaresRecoversConcentrationsWithNuisanceSignalsAsExtraColumns() {
        Synthesiser synth = SynthFixtures.synthesiser("""
                concentrations_mm:
                  NAA: {dist: uniform, min: 8, max: 14}
                  Cr: {dist: uniform, min: 3, max: 9}
                  Cho: {dist: uniform, min: 0.5, max: 3}
                macromolecules: {model: birch-3t, scale: {dist: uniform, min: 10, max: 40}}
                lipids: {model: lcmodel, scale: {dist: uniform, min: 1, max: 5}}
                """);
        for (long index = 0; index < 3; index++) {
            Sample s = synth.generate(7, index, true, false);
            List<Fid> columns = new java.util.ArrayList<>(synth.basis().fids());
            columns.add(s.component("macromolecules"));
            columns.add(s.component("lipids"));
            double[] fitted = fit(columns, s.fid());
            for (int m = 0; m < 3; m++) {
                String name = synth.scenario().metabolites().get(m).name();
                double truth = s.value(name + ".concentration_mm");
                assertEquals(truth, fitted[m], 1e-6 * truth, name);
            }
            assertEquals(1, fitted[3], 1e-9, "MM column");
            assertEquals(1, fitted[4], 1e-9, "lipid column");
        }
    }

    /** Least squares on stacked (re, im): minimises Σ|Σ_m c_m·B_m(t) − y(t)|² over real c (QR). */
    static double[] fit(List<Fid> basis, Fid y) {
        int n = y.points();
        int m = basis.size();
        DMatrixRMaj a = new DMatrixRMaj(2 * n, m);
        DMatrixRMaj b = new DMatrixRMaj(2 * n, 1);
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < m; j++) {
                a.set(k, j, basis.get(j).re()[k]);
                a.set(n + k, j, basis.get(j).im()[k]);
            }
            b.set(k, 0, y.re()[k]);
            b.set(n + k, 0, y.im()[k]);
        }
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.leastSquares(2 * n, m);
        assertTrue(solver.setA(a), "basis is full rank");
        DMatrixRMaj x = new DMatrixRMaj(m, 1);
        solver.solve(b, x);
        return x.data.clone();
    }
}
