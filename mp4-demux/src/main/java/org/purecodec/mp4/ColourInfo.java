package org.purecodec.mp4;

/**
 * A {@code colr} box.
 *
 * @param colourType               {@code nclx} (ISO), {@code nclc} (QuickTime), {@code rICC}/{@code prof} (ICC)
 * @param colourPrimaries          ISO/IEC 23091-2 ColourPrimaries (1 = BT.709), -1 for ICC
 * @param transferCharacteristics  TransferCharacteristics, -1 for ICC
 * @param matrixCoefficients       MatrixCoefficients, -1 for ICC
 * @param fullRange                full_range_flag ({@code nclx} only; false otherwise)
 */
public record ColourInfo(String colourType, int colourPrimaries, int transferCharacteristics, int matrixCoefficients,
                         boolean fullRange) {
}
