package io.tixing.policy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded memory of recent answers: two generations of at most {@code generation} entries each; when the current
 * one is full it becomes the previous one and the oldest generation is dropped. An entry asked for again is moved to
 * the current generation, so a number used within the last {@code generation} distinct numbers is always found.
 * A miss only costs the computation again: the answer never depends on what is remembered. Used for answers that
 * depend only on their key and cost real work (a phone number's zones or its E.164 form, a value's lint findings).
 */
public final class Recent<K, V> {
    private final int generation;
    private volatile Map<K, V> current = new ConcurrentHashMap<>();
    private volatile Map<K, V> previous = new ConcurrentHashMap<>();

    public Recent(int generation) { this.generation = generation; }

    public V get(K key) {
        V v = current.get(key);
        if (v != null) return v;
        v = previous.get(key);
        if (v != null) put(key, v);
        return v;
    }

    public void put(K key, V value) {
        Map<K, V> now = current;
        now.put(key, value);
        if (now.size() >= generation) {
            synchronized (this) {
                if (current == now) {
                    previous = now;
                    current = new ConcurrentHashMap<>();
                }
            }
        }
    }

    public int size() { return current.size() + previous.size(); }
}
