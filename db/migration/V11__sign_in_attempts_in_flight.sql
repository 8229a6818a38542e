-- A client address's sign-in attempt is counted as a failure only once its password check has failed.
-- While the check runs, the attempt holds a reservation (in_flight): it takes one unit of the address's
-- remaining failure budget, so parallel guesses can never run more checks than the cap allows, but a
-- reservation that ends in success is simply deleted, so an office behind one address is not locked out
-- by its own colleagues signing in at once. A reservation left behind by a crash mid-check counts as a
-- failure once it is a minute old. E-mail rows keep counting from the moment they are written.
ALTER TABLE sign_in_failure ADD COLUMN in_flight boolean NOT NULL DEFAULT false;
