using System.Text.Json;
using Microsoft.Data.Sqlite;
using Wenjin.Answers;
using Wenjin.Conversations;
using Wenjin.Errors;

namespace Wenjin.Storage.Sqlite;

/// <summary>
/// The <see cref="IConversationStore"/> in the knowledge store's SQLite file (tables conversations and
/// conversation_turns). A turn's citations are kept as JSON: they are read back whole, never queried.
/// </summary>
public sealed class SqliteConversationStore : IConversationStore, IDisposable
{
    private static readonly JsonSerializerOptions CitationJson = new(JsonSerializerDefaults.Web);

    private readonly SerialConnection _connection;

    private SqliteConversationStore(SerialConnection connection)
    {
        _connection = connection;
    }

    /// <summary>Opens the conversations of <paramref name="store"/>'s database.</summary>
    public static SqliteConversationStore Open(SqliteKnowledgeStore store) => new(SerialConnection.Open(store));

    public string Create(string kb, string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        string id = Guid.CreateVersion7().ToString("N");
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return _connection.Run((connection, transaction) =>
        {
            long kbId = SerialConnection.RequireKnowledgeBaseId(connection, transaction, kb);
            SqliteCommand insert = connection.Command(
                "INSERT INTO conversations (id, kb_id, title, created_at, updated_at) VALUES ($id, $kb, $title, $now, $now)",
                transaction,
                "$id", "$kb", "$title", "$now");
            insert.Parameters[0].Value = id;
            insert.Parameters[1].Value = kbId;
            insert.Parameters[2].Value = title;
            insert.Parameters[3].Value = now;
            insert.ExecuteNonQuery();
            return id;
        });
    }

    public void Append(string kb, string conversationId, ConversationTurn turn)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        ArgumentNullException.ThrowIfNull(turn);
        string citations = JsonSerializer.Serialize(turn.Citations, CitationJson);
        _connection.Run((connection, transaction) =>
        {
            long kbId = SerialConnection.RequireKnowledgeBaseId(connection, transaction, kb);
            SqliteCommand bump = connection.Command(
                "UPDATE conversations SET turn_count = turn_count + 1, updated_at = $now WHERE id = $id AND kb_id = $kb RETURNING turn_count",
                transaction,
                "$now", "$id", "$kb");
            bump.Parameters[0].Value = turn.CreatedAt.ToUnixTimeMilliseconds();
            bump.Parameters[1].Value = conversationId;
            bump.Parameters[2].Value = kbId;
            if (bump.ExecuteScalar() is not long ordinal)
            {
                throw WenjinException.NotFound($"Conversation '{conversationId}' does not exist in knowledge base '{kb}'.");
            }

            SqliteCommand insert = connection.Command(
                """
                INSERT INTO conversation_turns (conversation_id, ordinal, question, resolved_question, answer, refused, citations, created_at)
                VALUES ($id, $ordinal, $question, $resolved, $answer, $refused, $citations, $created)
                """,
                transaction,
                "$id", "$ordinal", "$question", "$resolved", "$answer", "$refused", "$citations", "$created");
            insert.Parameters[0].Value = conversationId;
            insert.Parameters[1].Value = ordinal;
            insert.Parameters[2].Value = turn.Question;
            insert.Parameters[3].Value = turn.ResolvedQuestion;
            insert.Parameters[4].Value = turn.Answer;
            insert.Parameters[5].Value = turn.Refused ? 1 : 0;
            insert.Parameters[6].Value = citations;
            insert.Parameters[7].Value = turn.CreatedAt.ToUnixTimeMilliseconds();
            return insert.ExecuteNonQuery();
        });
    }

    public Conversation? Get(string kb, string conversationId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        return _connection.Run((connection, transaction) =>
        {
            long kbId = SerialConnection.RequireKnowledgeBaseId(connection, transaction, kb);
            SqliteCommand select = connection.Command(
                "SELECT title, created_at, updated_at FROM conversations WHERE id = $id AND kb_id = $kb", transaction, "$id", "$kb");
            select.Parameters[0].Value = conversationId;
            select.Parameters[1].Value = kbId;
            string title;
            long created, updated;
            using (SqliteDataReader reader = select.ExecuteReader())
            {
                if (!reader.Read())
                {
                    return null;
                }

                (title, created, updated) = (reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2));
            }

            SqliteCommand turns = connection.Command(
                "SELECT question, resolved_question, answer, refused, citations, created_at FROM conversation_turns WHERE conversation_id = $id ORDER BY ordinal",
                transaction,
                "$id");
            turns.Parameters[0].Value = conversationId;
            var list = new List<ConversationTurn>();
            using (SqliteDataReader reader = turns.ExecuteReader())
            {
                while (reader.Read())
                {
                    var citations = JsonSerializer.Deserialize<Citation[]>(reader.GetString(4), CitationJson) ?? [];
                    list.Add(new ConversationTurn(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3) != 0, citations, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5))));
                }
            }

            return new Conversation(conversationId, title, DateTimeOffset.FromUnixTimeMilliseconds(created), DateTimeOffset.FromUnixTimeMilliseconds(updated), list);
        });
    }

    public IReadOnlyList<ConversationSummary> List(string kb) =>
        _connection.Run((connection, transaction) =>
        {
            long kbId = SerialConnection.RequireKnowledgeBaseId(connection, transaction, kb);
            SqliteCommand select = connection.Command(
                "SELECT id, title, turn_count, created_at, updated_at FROM conversations WHERE kb_id = $kb ORDER BY updated_at DESC, rowid DESC",
                transaction,
                "$kb");
            select.Parameters[0].Value = kbId;
            using SqliteDataReader reader = select.ExecuteReader();
            var list = new List<ConversationSummary>();
            while (reader.Read())
            {
                list.Add(new ConversationSummary(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
            }

            return (IReadOnlyList<ConversationSummary>)list;
        });

    public bool Delete(string kb, string conversationId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        return _connection.Run((connection, transaction) =>
        {
            long kbId = SerialConnection.RequireKnowledgeBaseId(connection, transaction, kb);
            SqliteCommand delete = connection.Command("DELETE FROM conversations WHERE id = $id AND kb_id = $kb", transaction, "$id", "$kb");
            delete.Parameters[0].Value = conversationId;
            delete.Parameters[1].Value = kbId;
            return delete.ExecuteNonQuery() > 0;
        });
    }

    public void Dispose() => _connection.Dispose();
}
