// Types of scripts/test-verdict.mjs, for the tests that import it.
export type CountKind = 'mocha' | 'plain';
export interface Counts { passed: number; failed: number; skipped: number; found: boolean }
export interface Verdict { name: string; passed: number; failed: number; skipped: number; problems: string[]; notes: string[]; code: number }
export declare const MINIMUMS: Readonly<Record<'unit' | 'cli' | 'server' | 'package' | 'e2e', number>>;
export declare function countsOf(kind: CountKind, out: string): Counts;
export declare const FILE_MINIMUMS: Readonly<Record<string, number>>;
export declare function fileMinimumOf(count: number): number;
export interface JudgeOptions { minimum?: number; tally?: Readonly<Record<string, number>> | null; fileMinimums?: Readonly<Record<string, number>> }
export declare function judge(name: string, kind: CountKind, code: number, out: string, options?: JudgeOptions): Verdict;
export declare function total(verdicts: readonly Verdict[]): { passed: number; failed: number; skipped: number; line: string; exitCode: number };
export declare function closingLine(t: { passed: number; failed: number; skipped: number }): string;
export declare function describeVerdict(v: Verdict, seconds?: number): string;
