package wabotbench;

import java.util.function.Consumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body without blocking: reads what is there, else asks to be called back when more is, and hands
 * the whole body on from whichever thread read its last chunk (the selector's, for a small body).
 */
final class BodyReader implements Runnable {
    private final Request request;
    private final Consumer<byte[]> then;
    private byte[] bytes = new byte[0];

    BodyReader(Request request, Consumer<byte[]> then) {
        this.request = request;
        this.then = then;
    }

    @Override
    public void run() {
        while (true) {
            var chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                then.accept(bytes);
                return;
            }
            var buffer = chunk.getByteBuffer();
            int n = buffer.remaining();
            if (n > 0) {
                var grown = new byte[bytes.length + n];
                System.arraycopy(bytes, 0, grown, 0, bytes.length);
                buffer.get(grown, bytes.length, n);
                bytes = grown;
            }
            boolean last = chunk.isLast();
            chunk.release();
            if (last) {
                then.accept(bytes);
                return;
            }
        }
    }
}
