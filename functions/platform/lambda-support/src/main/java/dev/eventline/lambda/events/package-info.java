/**
 * The events Lambda hands Eventline's stream and queue functions, and their partial batch responses,
 * as records of Eventline's own with the exact wire format's member names.
 *
 * <p>Why not {@code com.amazonaws:aws-lambda-java-events}: its classes pull Joda-Time and the
 * runtime's reflective serializer into every jar, and their bean names are not the wire names
 * ({@code eventSourceArn} for {@code eventSourceARN}, {@code getNewImage} for {@code NewImage}), so
 * every function read its events through Lambda's mix-ins. These records are read and written by
 * Eventline's own JSON code ({@code StreamRecordJson} for stream events, {@link EventJson} for queue
 * events and batch responses); the handlers take them through {@code RequestStreamHandler}.
 */
package dev.eventline.lambda.events;
