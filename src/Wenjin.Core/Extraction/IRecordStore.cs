namespace Wenjin.Extraction;

/// <summary>
/// Stored records, one per (knowledge base, schema, document). A record goes with its document: deleting or replacing
/// the document deletes its records, so a stored record always describes the stored text its evidence points into.
/// Unknown knowledge base names throw NotFound.
/// </summary>
public interface IRecordStore
{
    /// <summary>Stores the record, replacing the one for the same schema and document; NotFound when the document is not stored.</summary>
    void Save(string kb, StoredRecord record);

    /// <summary>The records of a schema, ordered by source id.</summary>
    IReadOnlyList<StoredRecord> List(string kb, string schema);

    StoredRecord? Get(string kb, string schema, string docId);

    /// <summary>The schemas that have records in the knowledge base, with their record counts.</summary>
    IReadOnlyDictionary<string, int> CountBySchema(string kb);

    /// <summary>Deletes a schema's records; returns how many there were.</summary>
    int Delete(string kb, string schema);
}
