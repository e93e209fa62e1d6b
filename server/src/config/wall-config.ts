import { readFileSync } from 'node:fs';
import { validateBoards, type BoardConfig, type WallConfigSlot } from '@futian/shared';

/**
 * Board and enterprise configuration for the structure module. Boards are
 * configuration by design: the documents never name the six "六新" boards, so a
 * deployment edits config/boards.json (or the console) and the wall shows
 * "示例配置" while the shipped example is in use.
 */
export function loadWallConfig(boardsFile: string, enterprisesFile: string): WallConfigSlot {
  const boards = JSON.parse(readFileSync(boardsFile, 'utf8')) as BoardConfig;
  const errors = validateBoards(boards);
  if (errors.length > 0) throw new Error(`${boardsFile}: ${errors.join('; ')}`);
  const enterprises = JSON.parse(readFileSync(enterprisesFile, 'utf8')) as WallConfigSlot['enterprises'];
  if (!Array.isArray(enterprises.enterprises)) throw new Error(`${enterprisesFile}: enterprises must be an array`);
  return { boards, enterprises };
}
