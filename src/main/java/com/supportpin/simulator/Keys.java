package com.supportpin.simulator;

import java.util.ArrayList;
import java.util.List;

/** The keys one Gather collects from a line of input, by Twilio's rules. */
record Keys(String digits, String finishedOnKey, List<Character> ignored) {

    private static final String PHONE_KEYS = "0123456789*#";

    static Keys collect(String line, int numDigits, String finishOnKey) {
        var digits = new StringBuilder();
        var ignored = new ArrayList<Character>();
        String finishedOnKey = "";
        for (char key : line.toCharArray()) {
            if (Character.isWhitespace(key)) {
                continue;
            }
            if (PHONE_KEYS.indexOf(key) < 0) {
                ignored.add(key);
                continue;
            }
            if (!finishOnKey.isEmpty() && finishOnKey.charAt(0) == key) {
                finishedOnKey = String.valueOf(key);
                break;
            }
            digits.append(key);
            if (numDigits > 0 && digits.length() >= numDigits) {
                break;
            }
        }
        return new Keys(digits.toString(), finishedOnKey, List.copyOf(ignored));
    }

    /** The keys as the transcript shows them: digits masked (a PIN is never printed), * and # as pressed. */
    String masked() {
        return digits.replaceAll("[0-9]", "x") + finishedOnKey;
    }
}
