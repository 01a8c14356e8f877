using Wenjin.Bench;

// Wenjin benchmark: retrieval quality and cost against a same-run Lucene baseline and a recorded Wenjin baseline.
var optionsByCommand = new Dictionary<string, string[]>(StringComparer.Ordinal)
{
    ["beir"] = ["dataset", "limit-queries", "json", "engines", "baseline", "save-baseline"],
    ["all"] = ["root", "limit-queries", "json", "engines", "baseline", "save-baseline"],
    ["ingest"] = ["corpus", "limit-docs", "limit-mb", "queries", "json", "engines", "baseline", "save-baseline"],
    ["qa"] = ["dataset", "foreign", "limit-queries", "write-qa"],
    ["calibrate"] = ["dataset", "foreign", "limit-queries", "max-false-refusal"],
    ["verify"] = ["dataset", "limit-queries"],
    ["http"] = ["corpus", "limit-docs", "seconds", "warmup", "clients", "endpoints", "rate-limit", "port", "json", "baseline", "save-baseline"],
    ["vectors"] = ["counts", "dims", "queries", "encodings", "hnsw", "m", "ef-construction", "ef-search", "json"],
    ["hybrid"] = ["dataset", "limit-queries", "limit-docs", "dims", "json", "base-url", "model", "query-instruction"],
    ["extract"] = ["data", "records", "model-url", "model", "json"],
    ["extract-verify"] = ["data"],
};

const string Usage = """
    Usage: Wenjin.Bench <command> [options]

      beir   --dataset DIR [--limit-queries N] [--json OUT]
             BEIR folder (corpus.jsonl, queries.jsonl, qrels.tsv or qrels/test.tsv): index with every engine,
             run every judged query, print R@1/5/10, MRR@10, nDCG@10, p50/p99 latency and indexing time.
      all    [--root DIR] [--limit-queries N] [--json OUT]
             beir over ROOT/{chinese_squad2_dev/beir_dev, rgb/derived_zh_refine_pool, cmrc2018/beir_dev,
             drcd/beir_dev} (ROOT defaults to /work/shared/external), one combined table.
      ingest --corpus FILE.jsonl[.xz] [--limit-docs N] [--limit-mb M] [--queries N] [--json OUT]
             Ingest throughput (MB/s, docs/s), chunks, index size, peak memory, then p50/p99 of N (300) queries.
      qa     --dataset DIR [--foreign DIR2] [--limit-queries N] [--write-qa FILE]
             QA set from a SQuAD-derived BEIR folder (answers, answerable); runs `wenjin eval`'s evaluation on it:
             hit@k, answer accuracy, refusal of unanswerable and of foreign questions, false refusals.
      calibrate --dataset DIR [--foreign DIR2] [--limit-queries N] [--max-false-refusal R]
             Gathers answer evidence once, replays the refusal policy over a grid of thresholds, prints the trade-off.
      verify --dataset DIR [--limit-queries N]
             The answer verifier on scripted model drafts built from a SQuAD-derived BEIR folder: the gold sentence
             cited right (kept?), and with a changed number, a wrong/missing citation, no citation, or another
             paragraph's sentence (dropped?). No model needed.
      http   [--corpus DIR|FILE] [--seconds S] [--warmup S] [--clients 1,10,50] [--endpoints search,ask,mixed]
             [--rate-limit N] [--port P] [--limit-docs N] [--json OUT]
             HTTP load: the CLI ingests the corpus (default: the CMRC 2018 dev BEIR folder; or a JSONL corpus file),
             the built Wenjin.Server serves it on loopback with accounts on; the benchmark signs in as admin and
             gives every client its own API key (Bearer). Then each load of --endpoints (default search,ask; mixed =
             each client alternates search and ask) runs with 1, 10 and 50 concurrent clients for S (20) seconds
             after a warm-up (3 s): requests, errors by kind (non-2xx incl. 429, exceptions), req/s, p50/p99 latency.
             --rate-limit N sets the server's limit to N requests/min per key (default 0 = off; 1200 is the server's
             own default). Windows of 60 s or more print their throughput every 30 s.
             Needs `dotnet build src/Wenjin.Cli -c Release` and `dotnet build src/Wenjin.Server -c Release` first.
      vectors [--counts 100000,1000000] [--dims 768] [--queries 200] [--encodings float32,float16,int8]
             [--hnsw float16,int8|none] [--m 16] [--ef-construction 200] [--ef-search 64,128] [--json OUT]
             In-process vector indexes on seeded clustered vectors: exact search per encoding, HNSW per --hnsw
             encoding; build time, heap bytes per vector, p50/p99 of k=10 searches, recall@10 vs float32 exact.
      hybrid --dataset DIR [--limit-queries N] [--limit-docs N] [--dims 256] [--json OUT]
             [--base-url URL --model NAME [--query-instruction TEXT]]
             Fusion choices of hybrid retrieval on a BEIR folder: ingest and embed once (chunks/s over HTTP), then
             every judged query as lexical only, RRF k=60 and k=20, weighted w=0.3/0.5/0.7 and vector only (w=1.0):
             R@1/5/10, MRR@10, nDCG@10, queries better/worse than lexical, p50/p99 latency. Without --base-url the
             vectors come from a deterministic stand-in (hashed character n-grams, --dims components) served by an
             in-process scripted model server: a lexical-ish model, not a semantic one. With --base-url/--model, an
             OpenAI-compatible embeddings server (e.g. bge-m3 on vLLM or Ollama) is measured instead.
      extract [--data DIR] [--records FILE[,FILE…]] [--model-url URL --model NAME] [--json OUT]
             Structured extraction on the hand-written evaluation set (DIR, default bench/data/extraction: documents
             and expected.jsonl): per schema and field precision, recall and F1 by the set's scoring rules, macro
             averages, valid evidence quotes, dropped values and missing required fields. --records scores saved
             `wenjin extract --json` output (any mix of schemas); without it the built CLI ingests each schema's
             folder into its own knowledge base in a temporary data directory and extracts with --all. --model-url and
             --model give the CLI a chat model (Wenjin__Chat__BaseUrl/Model). Free text (总结, 重大事件摘要) is scored
             by an automatic proxy of the support judgement. Needs `dotnet build src/Wenjin.Cli -c Release` without
             --records.
      extract-verify [--data DIR]
             Validation of extracted records on the same set, no model needed: the gold records validated as if a model
             had returned them (kept?), and scripted inventions per field — another document's value, a changed
             amount, a shifted date, a changed metric, an unnamed province, another document's sentence (dropped?).

    Options for every command:
      --engines lucene,wenjin   engines to run (default both; Lucene is the same-run baseline)
      --baseline FILE           recorded Wenjin numbers (default: bench/baseline.json of this checkout)
      --save-baseline           record this run's Wenjin numbers into the baseline file
    """;

CommandLineOptions options;
try
{
    options = CommandLineOptions.Parse(args, optionsByCommand);
}
catch (FormatException exception)
{
    Console.Error.WriteLine($"error: {exception.Message}");
    Console.Error.WriteLine(Usage);
    return 2;
}

try
{
    return options.Command switch
    {
        "beir" => await BeirCommand.RunOneAsync(options).ConfigureAwait(false),
        "all" => await BeirCommand.RunAllAsync(options).ConfigureAwait(false),
        "ingest" => await IngestCommand.RunAsync(options).ConfigureAwait(false),
        "qa" => await Wenjin.Bench.Qa.QaCommand.RunAsync(options).ConfigureAwait(false),
        "calibrate" => await Wenjin.Bench.Qa.CalibrateCommand.RunAsync(options).ConfigureAwait(false),
        "verify" => Wenjin.Bench.Verification.VerifyCommand.Run(options),
        "http" => await Wenjin.Bench.Http.HttpCommand.RunAsync(options).ConfigureAwait(false),
        "vectors" => Wenjin.Bench.Vectors.VectorsCommand.Run(options),
        "hybrid" => await Wenjin.Bench.Hybrid.HybridCommand.RunAsync(options).ConfigureAwait(false),
        "extract" => await Wenjin.Bench.Extraction.ExtractionCommand.RunAsync(options).ConfigureAwait(false),
        "extract-verify" => await Wenjin.Bench.Extraction.ValidatorCommand.RunAsync(options).ConfigureAwait(false),
        _ => PrintUsage(),
    };
}
catch (FormatException exception)
{
    Console.Error.WriteLine($"error: {exception.Message}");
    Console.Error.WriteLine(Usage);
    return 2;
}
catch (Exception exception) when (exception is IOException or InvalidDataException or System.Text.Json.JsonException)
{
    Console.Error.WriteLine($"error: {exception.Message}");
    return 1;
}

static int PrintUsage()
{
    Console.WriteLine(Usage);
    return 0;
}
