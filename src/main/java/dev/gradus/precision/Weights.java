package dev.gradus.precision;

/**
 * How low-precision parameters are kept across steps. The three differ in what the rule sees as
 * the weight {@code w} and in what is written after the step's float32 result {@code w'}.
 *
 * <table class="striped">
 *   <caption>The weights' buffers</caption>
 *   <thead>
 *     <tr><th>mode</th><th>buffers</th><th>the rule's {@code w}</th><th>written after the step</th>
 *         <th>bytes per weight</th></tr>
 *   </thead>
 *   <tbody>
 *     <tr><td>{@link #ROUNDED}</td><td>{@code param} in the parameter type</td>
 *         <td>{@code widen(param)}</td><td>{@code param = round(w')}</td><td>2</td></tr>
 *     <tr><td>{@link #KAHAN}</td><td>{@code param} and {@code compensation}, both in the parameter
 *         type</td><td>{@code widen(param) + widen(compensation)}, one float addition</td>
 *         <td>{@code param = round(w')}, {@code compensation = round(w' - widen(param))}</td>
 *         <td>4</td></tr>
 *     <tr><td>{@link #FLOAT32_MASTER}</td><td>{@code param} in float32 (the master) and
 *         {@code model} in the parameter type</td><td>{@code param}</td>
 *         <td>{@code param = w'}, {@code model = round(w')}</td><td>6</td></tr>
 *   </tbody>
 * </table>
 *
 * <p>{@code round} is the {@link StoragePlan}'s rounding. In every mode one pass reads each buffer
 * once and writes each written buffer once.
 */
public enum Weights {

    /**
     * The parameter is stored in its type and each step's result is rounded into it. With
     * nearest-even rounding, a step smaller than half a unit in the last place of a weight is
     * lost: bfloat16 weights stall once {@code |a * step| < |w| * 2^-9}. Stochastic rounding keeps
     * such steps in expectation.
     */
    ROUNDED,

    /**
     * The parameter and a compensation buffer of the same type hold the weight as an unevaluated
     * sum {@code w = param + compensation}: the compensation keeps what rounding the weight lost,
     * the idea of Kahan's compensated summation that optimi applies to bfloat16 weights. The rule
     * sees the sum; a weight then carries about twice the type's significant bits. The model reads
     * {@code param}, the rounded weight. A weight whose rounding overflows the type becomes
     * infinite and its compensation infinite of the other sign, so the next step sees NaN.
     */
    KAHAN,

    /**
     * The optimizer keeps a float32 master copy of the weights as {@code param}, and writes the
     * model's low-precision copy {@code model} in the same pass: the shape of ZeRO-Offload and of
     * PyTorch's mixed-precision recipes. The master evolves exactly as a float32 parameter would.
     */
    FLOAT32_MASTER
}
