/*
 * Aramid's vDSO: a tiny shared object mapped into every process
 * (AT_SYSINFO_EHDR). riscv64 has no SA_RESTORER, so signal handlers return
 * through __vdso_rt_sigreturn; the kernel points ra there. The other entry
 * points Linux's vDSO offers are optional and absent: libc falls back to
 * the system calls.
 */
	.text
	.globl	__vdso_rt_sigreturn
	.type	__vdso_rt_sigreturn, @function
	.balign	4
__vdso_rt_sigreturn:
	.cfi_startproc
	.cfi_signal_frame
	li	a7, 139		/* __NR_rt_sigreturn */
	ecall
	.cfi_endproc
	.size	__vdso_rt_sigreturn, .-__vdso_rt_sigreturn
