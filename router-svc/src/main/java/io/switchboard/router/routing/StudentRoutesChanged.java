package io.switchboard.router.routing;

/**
 * Fired, synchronously on the routes feed's thread, when a student route was published, replaced or withdrawn.
 *
 * @param routes all the student routes in force now
 * @param provider the provider name of the student whose route changed ({@link io.switchboard.events.StudentRoute#provider})
 */
public record StudentRoutesChanged(StudentRoutes routes, String provider) {
}
