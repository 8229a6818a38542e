package com.supportpin.web;

/** The customer web's pages, JSON API and assets. */
public final class WebPaths {

    public static final String ROOT = "/";
    public static final String LOGIN = "/login";
    public static final String LOGOUT = "/logout";
    public static final String SUPPORT_PIN = "/support-pin";
    public static final String STYLESHEET = "/static/app.css";
    public static final String SUPPORT_PIN_SCRIPT = "/static/support-pin.js";

    public static final String API_SESSION = "/api/session";
    public static final String API_SUPPORT_PIN = "/api/support-pin";

    private WebPaths() {}
}
