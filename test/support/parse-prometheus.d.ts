// parse-prometheus-text-format ships no types; this is the part the tests use.
declare module 'parse-prometheus-text-format' {
  export default function parsePrometheus(text: string): {
    name: string;
    type: string;
    help: string;
    metrics: { value: string; labels?: Record<string, string> }[];
  }[];
}
