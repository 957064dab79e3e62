export declare function electronSqliteCacheFile(projectRoot: string, electronVersion: string, abi: number | string): string;
