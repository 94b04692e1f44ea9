/** Double-precision textbook implementations of the rules, the reference for the scalar kernels. */
package dev.gradus.reference;
