/**
 * From a scan to its sequence: readers of the acquisition parameters in vendor and NIfTI-MRS headers
 * ({@link org.larmor.scan.ScanHeaders}), the choice of the nearest vendor preset ({@link org.larmor.scan.PresetCatalog})
 * and the sequence YAML that states, value by value, where each number came from ({@link org.larmor.scan.ScanSequence}).
 * A value the sequence needs that neither the header nor the user states is refused, never guessed.
 *
 * <p>Layer: above {@code io} and {@code sequence} (it reads sequence presets and NIfTI-MRS headers), below
 * {@code cli}.
 */
package org.larmor.scan;
