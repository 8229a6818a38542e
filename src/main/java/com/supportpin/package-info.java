/**
 * The composition root ({@code App}) and what holds for every route ({@code RouteTable}).
 *
 * <p>Dependencies point one way: {@code cli} → this package → the features ({@code voice}, {@code agent.line},
 * {@code agent.console}, {@code web}, {@code ops}, {@code simulator}, and the account center's {@code oidc}
 * sign-in and {@code api} (/api/v1), which build on {@code web}'s sessions and pages) → the shared kernel ({@code config},
 * {@code store}, {@code pin}, {@code contact}, {@code agent}). No feature imports this package; each keeps its
 * paths in a {@code …Paths} class and mounts its own routes. {@code agent.line} builds on {@code voice}'s step
 * plumbing and {@code agent.console} on {@code web}'s pages; nothing points back.
 */
package com.supportpin;
