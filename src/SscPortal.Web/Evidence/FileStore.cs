using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace SscPortal.Web.Evidence;

/// <summary>Where evidence files go: the local disk by default, an S3-compatible object store when configured ("Files" section).</summary>
public sealed class FileStoreOptions
{
    public const string Section = "Files";

    /// <summary><c>Disk</c> (the default) or <c>S3</c>.</summary>
    public string Store { get; set; } = "Disk";
    /// <summary>The folder of the disk store (relative paths are under the content root).</summary>
    public string Folder { get; set; } = "App_Data/files";
    /// <summary>Where uploads are received and checked before they are stored (relative paths are under the content root).</summary>
    public string UploadFolder { get; set; } = "App_Data/uploads";
    /// <summary>The largest file accepted, in megabytes.</summary>
    public int MaxMegabytes { get; set; } = 25;
    /// <summary>The S3 endpoint (e.g. http://minio:9000); empty for Amazon S3 itself.</summary>
    public string? ServiceUrl { get; set; }
    public string Bucket { get; set; } = "ssc-portal-files";
    public string Region { get; set; } = "us-east-1";
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }
    /// <summary>Path-style addresses (http://host/bucket/key), as MinIO and most S3-compatible stores expect.</summary>
    public bool ForcePathStyle { get; set; } = true;

    public long MaxBytes => MaxMegabytes * 1024L * 1024L;
}

/// <summary>
/// The bytes of evidence files, by key. Objects are written once and never changed (a new version is a new key); reads may
/// ask for a range. Every portal instance sharing an object store sees the same files.
/// </summary>
public interface IFileStore
{
    /// <summary>Stores the content under the key; the object appears whole or not at all.</summary>
    Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken);
    /// <summary>Opens the object from <paramref name="offset"/> for <paramref name="length"/> bytes (to its end when null).</summary>
    Task<Stream> OpenAsync(string key, long offset, long? length, CancellationToken cancellationToken);
    Task DeleteAsync(string key, CancellationToken cancellationToken);
    /// <summary>Every stored key with when it was written: what the cleanup compares with the database.</summary>
    IAsyncEnumerable<(string Key, DateTime WrittenAt)> ListAsync(CancellationToken cancellationToken);
}

/// <summary>Files on the local disk: written to a temporary name and moved into place, so a half-written file is never read.</summary>
public sealed class DiskFileStore(IOptions<FileStoreOptions> options, IWebHostEnvironment environment) : IFileStore
{
    private string Root => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.Folder));

    private const string Partial = ".partial";

    private string PathOf(string key, bool orPartial = false)
    {
        var named = orPartial && key.EndsWith(Partial, StringComparison.Ordinal) ? key[..^Partial.Length] : key;
        if (!StorageKeys.IsWellFormed(named)) throw new ArgumentException("Not a storage key.", nameof(key));
        return Path.Combine(Root, key.Replace('/', Path.DirectorySeparatorChar));
    }

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + Partial;
        try
        {
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                await content.CopyToAsync(file, cancellationToken);
            File.Move(partial, path);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    public Task<Stream> OpenAsync(string key, long offset, long? length, CancellationToken cancellationToken)
    {
        var file = new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        file.Seek(offset, SeekOrigin.Begin);
        return Task.FromResult<Stream>(length is { } l ? new BoundedStream(file, l) : file);
    }

    /// <summary>Deletes the file of a key, or the ".partial" a stopped write left (listed under that name for the cleanup).</summary>
    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key, orPartial: true));
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<(string Key, DateTime WrittenAt)> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        if (!Directory.Exists(Root)) yield break;
        foreach (var path in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // A ".partial" left by a stopped process is listed under its own name, which no record holds: the cleanup deletes
            // it. Files that are neither a key nor a key's ".partial" are not the store's, and are left alone.
            var key = Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/');
            var named = key.EndsWith(Partial, StringComparison.Ordinal) ? key[..^Partial.Length] : key;
            if (StorageKeys.IsWellFormed(named)) yield return (key, File.GetLastWriteTimeUtc(path));
        }
    }
}

/// <summary>
/// Files in an S3-compatible object store (MinIO, a cloud store) through the AWS SDK. Checksums are sent only where the
/// protocol requires them and uploads are not chunk-encoded, which S3-compatible servers other than Amazon's often refuse.
/// </summary>
public sealed class S3FileStore : IFileStore, IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private volatile bool _bucketReady;

    public S3FileStore(IOptions<FileStoreOptions> options)
    {
        var o = options.Value;
        var config = new AmazonS3Config
        {
            ForcePathStyle = o.ForcePathStyle,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            AuthenticationRegion = o.Region,
        };
        if (!string.IsNullOrEmpty(o.ServiceUrl)) config.ServiceURL = o.ServiceUrl;
        else config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(o.Region);
        _client = string.IsNullOrEmpty(o.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(o.AccessKey, o.SecretKey), config);
        _bucket = o.Bucket;
    }

    private async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        if (_bucketReady) return;
        // Credentials that may not create buckets still work with one that exists.
        if (await Amazon.S3.Util.AmazonS3Util.DoesS3BucketExistV2Async(_client, _bucket))
        {
            _bucketReady = true;
            return;
        }
        try
        {
            await _client.PutBucketAsync(new PutBucketRequest { BucketName = _bucket }, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
        }
        _bucketReady = true;
    }

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken)
    {
        await EnsureBucketAsync(cancellationToken);
        await _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket, Key = key, InputStream = content, ContentType = contentType,
            AutoCloseStream = false, UseChunkEncoding = false,
        }, cancellationToken);
    }

    public async Task<Stream> OpenAsync(string key, long offset, long? length, CancellationToken cancellationToken)
    {
        var request = new GetObjectRequest { BucketName = _bucket, Key = key };
        if (offset > 0 || length is not null)
            // An open range is "bytes=N-": an end of long.MaxValue is not a valid range to every server.
            request.ByteRange = length is { } l ? new ByteRange(offset, offset + l - 1) : new ByteRange($"bytes={offset}-");
        var response = await _client.GetObjectAsync(request, cancellationToken);
        return response.ResponseStream;
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = key }, cancellationToken);

    public async IAsyncEnumerable<(string Key, DateTime WrittenAt)> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureBucketAsync(cancellationToken);
        var request = new ListObjectsV2Request { BucketName = _bucket };
        while (true)
        {
            var page = await _client.ListObjectsV2Async(request, cancellationToken);
            foreach (var item in page.S3Objects ?? [])
                yield return (item.Key, item.LastModified?.ToUniversalTime() ?? DateTime.UtcNow);
            if (page.IsTruncated != true) yield break;
            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>Keys are made by the portal, never from what a user typed: <c>yyyy/MM/{32 hex}</c>.</summary>
public static class StorageKeys
{
    public static string New(DateTime utcNow) => $"{utcNow:yyyy}/{utcNow:MM}/{Guid.NewGuid():N}";

    public static bool IsWellFormed(string key) =>
        System.Text.RegularExpressions.Regex.IsMatch(key, "^[0-9]{4}/[0-9]{2}/[0-9a-f]{32}$");
}

/// <summary>A read-only window of <paramref name="length"/> bytes over another stream, which it owns.</summary>
public sealed class BoundedStream(Stream inner, long window) : Stream
{
    private readonly long _length = window;
    private long _left = window;
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => _length;
    public override long Position { get => _length - _left; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_left <= 0) return 0;
        var read = inner.Read(buffer, offset, (int)Math.Min(count, _left));
        _left -= read;
        return read;
    }
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_left <= 0) return 0;
        var read = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _left)], cancellationToken);
        _left -= read;
        return read;
    }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
