/** The composition root ({@code App}) and what holds for every route ({@code RouteTable}); the package graph is in README, "Layout". */
package com.supportpin;
